// fmaF32 against the C library's fmaf (correctly rounded), and logF32 at arguments where torch's log and the
// correctly rounded one part. The million-argument comparison with the live torch.log, natively and in
// WebAssembly, is tests/reference/reference.test.js.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "snn/float_math.hpp"
#include "snn/trace.hpp"
#include "support.hpp"

using snn::test::bitsOf;

namespace {

float floatOf(std::uint32_t u) {
  float x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

// xorshift64*: a fixed sequence.
struct Sequence {
  std::uint64_t s = 0x243f6a8885a308d3ull;
  std::uint64_t next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return s * 0x2545f4914f6cdd1dull;
  }
  // Random significand and sign, biased exponent in [lo, hi].
  float value(unsigned lo, unsigned hi) {
    const std::uint64_t r = next();
    const std::uint32_t e = lo + static_cast<std::uint32_t>((r >> 40) % (hi - lo + 1));
    return floatOf((static_cast<std::uint32_t>(r) & 0x807fffffu) | (e << 23));
  }
};

bool sameFloat(float a, float b) { return bitsOf(a) == bitsOf(b) || (std::isnan(a) && std::isnan(b)); }

}  // namespace

TEST_CASE("float math: fmaF32 rounds a*b + c once, as fmaf does", "[float_math]") {
  Sequence seq;
  long checked = 0, bad = 0;
  auto check = [&](float a, float b, float c) {
    ++checked;
    const float want = std::fma(a, b, c);
    const float got = snn::fmaF32(a, b, c);
    if (!sameFloat(got, want)) {
      if (++bad <= 5) FAIL_CHECK("fma(" << a << ", " << b << ", " << c << "): got " << got << ", want " << want);
    }
  };
  for (int i = 0; i < 300000; ++i) {
    check(seq.value(0, 254), seq.value(0, 254), seq.value(0, 254));   // anything finite, overflow included
    const float a = seq.value(100, 150), b = seq.value(100, 150);
    const float p = static_cast<float>(static_cast<double>(a) * b);
    check(a, b, -p);                                                  // c cancels the rounded product
    check(a, b, -floatOf(bitsOf(p) + 1u));
    check(a, b, seq.value(40, 100));                                  // far below: near midpoints
    check(seq.value(40, 90), seq.value(40, 90), seq.value(0, 5));     // float subnormal results
    check(seq.value(50, 76), seq.value(50, 76), 0.0f);                // products that underflow to subnormals
  }
  // Exact midpoints: a*b halfway between two floats, nudged by a c far below it, or exact (ties to even).
  for (std::uint32_t m = 1; m < 4000; ++m) {
    const float a = 1.0f + static_cast<float>(m) * 0x1p-12f;  // 13-bit significands: a*b exact in 26 bits
    const float b = 1.0f + 0x1p-12f;
    check(a, b, 0.0f);
    check(a, b, 0x1p-60f);
    check(a, b, -0x1p-60f);
    check(-a, b, 0x1p-149f);
  }
  const float inf = std::numeric_limits<float>::infinity();
  check(inf, 1.0f, 1.0f);
  check(inf, 0.0f, 1.0f);
  check(0x1p100f, 0x1p100f, -inf);
  check(std::numeric_limits<float>::max(), 2.0f, -std::numeric_limits<float>::max());
  check(-0.0f, 1.0f, 0.0f);
  check(-0.0f, 1.0f, -0.0f);
  INFO(bad << " of " << checked << " differ");
  CHECK(bad == 0);
}

TEST_CASE("float math: logF32 is torch's log, also where that is not the correctly rounded value", "[float_math]") {
  // Values of torch.log on float32 tensors (torch 1.13.1, x86-64 AVX2), and the correctly rounded logs
  // one ulp away, from numpy: float32(log(float64(x))).
  struct Pinned {
    std::uint32_t x, torch, correctly_rounded;
  };
  const Pinned cases[] = {
      {0x3f5c3acbu, 0xbe1a1e63u, 0xbe1a1e62u},  // 0.86027211
      {0x40b56e33u, 0x3fde18f5u, 0x3fde18f4u},  // 5.66970205
      {0x3f4f45acu, 0xbe583655u, 0xbe583654u},  // 0.80965686
      {0x4230bec6u, 0x40727564u, 0x40727563u},  // 44.1863022
  };
  for (const Pinned& c : cases) {
    INFO(std::hexfloat << floatOf(c.x));
    CHECK(bitsOf(snn::logF32(floatOf(c.x))) == c.torch);
    CHECK(bitsOf(static_cast<float>(std::log(static_cast<double>(floatOf(c.x))))) == c.correctly_rounded);
  }
  CHECK(snn::logF32(0.947f) == -0x1.be1ad8p-5f);  // correctly rounded: -0x1.be1ad6p-5
  CHECK(snn::logF32(0.616f) == -0x1.f022f2p-2f);  // correctly rounded: -0x1.f022f4p-2
  CHECK(snn::logF32(1.0f) == 0.0f);
  CHECK(bitsOf(snn::logF32(0.0f)) == 0xff800000u);
  CHECK(bitsOf(snn::logF32(-0.0f)) == 0xff800000u);
  CHECK(bitsOf(snn::logF32(std::numeric_limits<float>::infinity())) == 0x7f800000u);
  CHECK(bitsOf(snn::logF32(-1.0f)) == 0x7fc00000u);
  CHECK(bitsOf(snn::logF32(-std::numeric_limits<float>::infinity())) == 0x7fc00000u);
  CHECK(bitsOf(snn::logF32(floatOf(0xffc00001u))) == 0x7fc00000u);
  CHECK(bitsOf(snn::logF32(floatOf(0x00000001u))) == 0xc2ce8ed0u);  // smallest subnormal, as torch gives it
  CHECK(bitsOf(snn::logF32(floatOf(0x007fffffu))) == 0xc2aeac50u);  // largest subnormal
  CHECK(bitsOf(snn::logF32(floatOf(0x00800000u))) == 0xc2aeac50u);  // smallest normal
  CHECK(bitsOf(snn::logF32(std::numeric_limits<float>::max())) == 0x42b17218u);
}

namespace {

// The arguments the sine tests share: turns from the sine generator's formula (t/period + phase for float32
// periods and phases, t up to 10^6) and the hard places (multiples of 1/4 and their neighbours, tiny and
// negative turns).
std::vector<double> sineArguments() {
  std::vector<double> out;
  Sequence seq;
  for (int i = 0; i < 200000; ++i) {
    const std::uint64_t r = seq.next();
    const double t = static_cast<double>(r % 1000001);
    const float period = 0.5f + static_cast<float>((r >> 20) % 100000) * 0.005f;
    const float phase = static_cast<float>(static_cast<std::int64_t>((r >> 40) % 2001) - 1000) * 0.001f;
    out.push_back(t / static_cast<double>(period) + static_cast<double>(phase));
    out.push_back(static_cast<double>(static_cast<std::int64_t>(seq.next() % 8000001) - 4000000) * 1e-6);
  }
  for (int q = -16; q <= 16; ++q) {  // q/4 and its neighbours, up to 3 ulps either side
    out.push_back(q * 0.25);
    double below = q * 0.25, above = q * 0.25;
    for (int d = 0; d < 3; ++d) {
      below = std::nextafter(below, -1e9);
      above = std::nextafter(above, 1e9);
      out.push_back(below);
      out.push_back(above);
    }
  }
  for (double tiny : {1e-300, 1e-20, 1e-9, -1e-300, -1e-20, -1e-9, 0.0, -0.0}) out.push_back(tiny);
  return out;
}

}  // namespace

TEST_CASE("float math: sinTurns is sin(2π·turns) to a few ulps, and rounds to the correctly rounded float32 sine", "[float_math][sine]") {
  const long double two_pi = 2 * acosl(-1.0L);
  int float_mismatches = 0, checked = 0;
  double worst = 0;
  for (const double u : sineArguments()) {
    // The reference folds the argument onto [0, 1/4] turn by the same exact steps (every one of them exact
    // in double), so that long double's own 2π, 1e-19 off, is only ever multiplied by a quarter turn at most.
    double r = std::fabs(u) - std::floor(std::fabs(u));
    long double sign = u < 0 ? -1 : 1;
    if (r >= 0.5) r -= 0.5, sign = -sign;
    if (r > 0.25) r = 0.5 - r;
    const long double want = sign * sinl(two_pi * static_cast<long double>(r));
    const double got = snn::sinTurns(u);
    worst = std::max(worst, static_cast<double>(fabsl(static_cast<long double>(got) - want)));
    // The float32 rounding, unless the true value lies within 2^-40 (relative) of a float32 midpoint.
    const float f = static_cast<float>(want);
    const long double gap = fabsl(want - static_cast<long double>(f));
    const long double half_ulp = fabsl(static_cast<long double>(std::nextafter(f, 2.0f)) - f) / 2;
    if (fabsl(gap - half_ulp) > half_ulp * 0x1p-16L) {
      ++checked;
      if (static_cast<float>(got) != f) ++float_mismatches;
    }
  }
  INFO("worst absolute error " << worst << ", " << checked << " float32 roundings checked");
  CHECK(worst <= 4 * 0x1p-53);
  CHECK(float_mismatches == 0);
  CHECK(checked > 390000);
}

TEST_CASE("float math: sinTurns at the quarter turns, its symmetries and its pinned bits", "[float_math][sine]") {
  CHECK(static_cast<float>(snn::sinTurns(0.25)) == 1.0f);
  CHECK(static_cast<float>(snn::sinTurns(0.75)) == -1.0f);
  CHECK(static_cast<float>(snn::sinTurns(-0.25)) == -1.0f);
  for (double half : {0.0, 0.5, 1.0, -0.5, 3.0, 1e6 + 0.5}) {
    INFO(half);
    CHECK(snn::sinTurns(half) == 0.0);
    CHECK_FALSE(std::signbit(snn::sinTurns(half)));  // +0, never -0
  }
  for (double u : {0.0625, 0.1015625, 0.2109375, 0.3046875, 0x1.23456789p-3}) {  // dyadic: u + 1/2, 1/2 - u, u + 7 exact
    INFO(u);
    CHECK(snn::sinTurns(0.5 - u) == snn::sinTurns(u));
    CHECK(snn::sinTurns(u + 0.5) == -snn::sinTurns(u));
    CHECK(snn::sinTurns(u + 7) == snn::sinTurns(u));
    CHECK(snn::sinTurns(-u) == -snn::sinTurns(u));
  }
  // FNV-1a of every result's bits: the Python export (web/src/python.js) and the WebAssembly build
  // (tests/reference/probe.cpp, compared with this build there) redo these exact operations, so the bits may
  // change only on purpose; then update this hash and check that the exports still agree.
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const double u : sineArguments()) {
    const double s = snn::sinTurns(u);
    std::uint64_t bits;
    std::memcpy(&bits, &s, sizeof bits);
    for (int b = 0; b < 8; ++b) h = (h ^ ((bits >> (8 * b)) & 0xffu)) * 0x100000001b3ull;
  }
  CHECK(snn::hashHex(h) == "2f68e4aa628b8217");
}
