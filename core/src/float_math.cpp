// Every line below is one IEEE operation, rounded as written: this file relies on the build's
// SNN_FP_FLAGS (CMakeLists.txt: no fused multiply-add the source does not ask for, no value-changing
// floating-point shortcuts).
#include "snn/float_math.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace snn {

namespace {

std::uint32_t bitsOf(float x) {
  std::uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

float floatOf(std::uint32_t u) {
  float x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

std::uint64_t bitsOf(double x) {
  std::uint64_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

double doubleOf(std::uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// A value as an unevaluated sum hi + lo with |lo| <= ulp(hi)/2 (a "double-float"): SLEEF's way of carrying
// ~48 bits through float32 arithmetic.
struct FloatPair {
  float hi, lo;
};

// x + y exactly (Knuth's TwoSum: six operations, no condition on the magnitudes).
FloatPair exactSum(float x, float y) {
  const float s = x + y;
  const float v = s - x;
  return {s, (x - (s - v)) + (y - v)};
}

}  // namespace

float fmaF32(float a, float b, float c) {
  // The product of two 24-bit significands has at most 48 bits, so it is exact in double. The sum p + c is
  // not, and rounding it to double and then to float could round twice in the same direction. So the sum
  // is rounded to odd instead of to nearest: when it is inexact, take of the two doubles around it the one
  // whose last significand bit is 1. Rounding to odd at 53 bits and then to nearest at 24 (or fewer, for
  // float subnormals) equals rounding the exact value to nearest once, because 53 >= 24 + 2 (Boldo and
  // Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd",
  // IEEE Trans. Computers 57(4), 2008). An odd double is never a float or a midpoint between two floats,
  // and it lies on the same side of every such number as the exact sum does.
  const double p = static_cast<double>(a) * static_cast<double>(b);
  const double cd = static_cast<double>(c);
  const double s = p + cd;
  if (!std::isfinite(s)) return static_cast<float>(s);  // inf or NaN: nothing to round
  // TwoSum in double: err is exactly (p + c) - s. Every value involved is a multiple of 2^-298 (the
  // smallest float subnormal squared), far above double's underflow, so nothing here is ever inexact.
  const double v = s - p;
  const double err = (p - (s - v)) + (cd - v);
  if (err == 0.0) return static_cast<float>(s);  // the sum is exact: one rounding, to float
  std::uint64_t u = bitsOf(s);
  if ((u & 1u) == 0) {
    // s is even: the odd neighbour on err's side is the next double away from zero when err has s's sign
    // (s != 0 here, since a sum that rounds to 0 is exact), else the next one towards zero.
    if ((err > 0.0) == (s > 0.0))
      ++u;
    else
      --u;
  }
  return static_cast<float>(doubleOf(u));
}

float logF32(float x) {
  // SLEEF 3.5.1, xlogf_u1 as built for AVX2 (ENABLE_FMA_SP): libsleef's Sleef_logf8_u10avx2, which torch's
  // Vectorized<float>::log calls for every float32 log, full vectors and tails alike. Reduce x = m * 2^e
  // with m in [0.75, 1.5), then log x = e*ln2 + 2*atanh(z) with z = (m - 1)/(m + 1), where
  // 2*atanh(z) = 2z + z^3 * P(z^2). e*ln2, z and the sum are carried as FloatPairs; each fmaF32 below is one
  // FMA instruction of the original, and the order of every addition is the original's.
  float d = x;
  int scaled = 0;
  if (d < std::numeric_limits<float>::min()) {  // subnormals (and 0, negatives: replaced at the end)
    d = d * 18446744073709551616.0f;             // 2^64
    scaled = 64;
  }
  // e = exponent of d * 4/3, so that the mantissa d / 2^e falls in [0.75, 1.5).
  const float four_thirds = 1.0f / 0.75f;  // 1.33333337f, rounded in float as in SLEEF
  const int e = static_cast<int>((bitsOf(d * four_thirds) >> 23) & 0xffu) - 127;
  const float m = floatOf(bitsOf(d) - (static_cast<std::uint32_t>(e) << 23));  // d * 2^-e, exact
  const float ef = static_cast<float>(e - scaled);

  // ln2 as the pair 0.693147182f - 1.9046543e-9f, times e.
  const float ln2_hi = 0.69314718246459960938f;
  const float ln2_lo = -1.904654323148236017e-09f;
  FloatPair s;
  s.hi = ln2_hi * ef;
  s.lo = fmaF32(ln2_lo, ef, fmaF32(ln2_hi, ef, -s.hi));

  // z = (m - 1) / (m + 1): numerator and denominator exact as pairs, then a pair division.
  const FloatPair num = exactSum(-1.0f, m);
  const FloatPair den = exactSum(1.0f, m);
  const float inv = 1.0f / den.hi;
  FloatPair z;
  z.hi = num.hi * inv;
  const float q_err = fmaF32(inv, num.hi, -z.hi);                       // inv*num.hi - z.hi
  const float one_minus = fmaF32(-den.lo, inv, fmaF32(-den.hi, inv, 1.0f));  // 1 - den*inv
  z.lo = fmaF32(z.hi, one_minus, fmaF32(num.lo, inv, q_err));

  const float z2 = z.hi * z.hi;
  float poly = fmaF32(0.3027294874e+0f, z2, 0.3996108174e+0f);
  poly = fmaF32(poly, z2, 0.6666694880e+0f);

  // s += 2z (pair plus pair; |e*ln2| >= |2z| or e == 0).
  const float two_z_hi = z.hi * 2.0f;
  const float two_z_lo = z.lo * 2.0f;
  float sum_hi = s.hi + two_z_hi;
  float sum_lo = (((s.hi - sum_hi) + two_z_hi) + s.lo) + two_z_lo;
  // s += z^3 * P(z^2) (pair plus float).
  const float cube_term = (z2 * z.hi) * poly;
  const float next_hi = sum_hi + cube_term;
  sum_lo = ((sum_hi - next_hi) + cube_term) + sum_lo;
  sum_hi = next_hi;
  const float r = sum_hi + sum_lo;

  // Special arguments, tested in SLEEF's order on the (possibly scaled) argument. The NaN is a constant:
  // one computed from a NaN could carry any sign or payload (WebAssembly does not fix them).
  if (d == std::numeric_limits<float>::infinity()) return d;
  if (d < 0.0f || d != d) return floatOf(0x7fc00000u);
  if (d == 0.0f) return -std::numeric_limits<float>::infinity();
  return r;
}

// (-1)^k (2π)^(2k+1) / (2k+1)!, k = 0..11, each correctly rounded to double (computed with 200-bit
// arithmetic); hexadecimal, so that no decimal conversion stands between this table and Python's.
const double kSinTurnsCoefficients[kSinTurnsTerms] = {
    0x1.921fb54442d18p+2,  -0x1.4abbce625be53p+5, 0x1.466bc6775aae2p+6,  -0x1.32d2cce62bd86p+6,
    0x1.50783487ee782p+5,  -0x1.e3074fde8871fp+3, 0x1.e8f434d018d63p+1,  -0x1.6fadb9f155744p-1,
    0x1.aaec32af93359p-4,  -0x1.8a404211f9547p-7, 0x1.2877020d52cf0p-10, -0x1.7215f879e1ac9p-14,
};

double sinTurns(double turns) {
  // sin(-x) = -sin(x): turns - floor(turns) is exact only for turns >= 0. Zero of either sign gives +0 here,
  // so that no floor(-0.0) (a double here, Python's integer 0) ever decides a sign.
  if (turns <= 0) return turns == 0 ? 0.0 : 0.0 - sinTurns(0.0 - turns);
  double r = turns - std::floor(turns);  // exact, in [0, 1)
  const bool negative = r >= 0.5;
  if (negative) r = r - 0.5;   // exact (Sterbenz): sin(2π(r + 1/2)) = -sin(2πr)
  if (r > 0.25) r = 0.5 - r;   // exact (Sterbenz): sin(2π(1/2 - r)) = sin(2πr)
  const double z = r * r;
  double p = kSinTurnsCoefficients[kSinTurnsTerms - 1];
  for (int k = kSinTurnsTerms - 2; k >= 0; --k) p = p * z + kSinTurnsCoefficients[k];
  const double s = r * p;
  return negative ? 0.0 - s : s;  // 0.0 - s, not -s: an exact half turn gives +0
}

float expF32(float x) { return static_cast<float>(std::exp(static_cast<double>(x))); }

}  // namespace snn
