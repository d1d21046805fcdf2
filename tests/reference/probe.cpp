// Test-only probe of the core's float math, built natively and with em++ for Node (never shipped), so that
// reference.test.js can feed both builds the same arguments and compare their bits with torch's.
//
//   reference_probe log IN OUT   IN: float32 arguments (raw little-endian), OUT: logF32 of each
//   reference_probe fma N OUT    OUT: N records {a, b, c, fmaF32(a, b, c)} of float32, from a fixed
//                                generator that aims at the hard cases (cancellation, ties, subnormals)
//   reference_probe sin N OUT    OUT: N records {turns, sinTurns(turns)} of double (little-endian), turns from
//                                a fixed generator: the sine generator's t/period + phase, and the hard cases
//                                (multiples of 1/4 and their neighbours, tiny, negative, large)
//
// Exit status 0 on success, 2 on a usage or I/O error.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "snn/float_math.hpp"

namespace {

bool readFloats(const char* path, std::vector<float>& out) {
  std::FILE* f = std::fopen(path, "rb");
  if (!f) return false;
  std::fseek(f, 0, SEEK_END);
  const long size = std::ftell(f);
  std::fseek(f, 0, SEEK_SET);
  out.resize(static_cast<std::size_t>(size) / sizeof(float));
  const bool ok = size >= 0 && std::fread(out.data(), sizeof(float), out.size(), f) == out.size();
  std::fclose(f);
  return ok;
}

bool writeFloats(const char* path, const std::vector<float>& values) {
  std::FILE* f = std::fopen(path, "wb");
  if (!f) return false;
  const bool ok = std::fwrite(values.data(), sizeof(float), values.size(), f) == values.size();
  return std::fclose(f) == 0 && ok;
}

// splitmix64: a fixed, platform-independent sequence.
std::uint64_t next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

float floatOf(std::uint32_t u) {
  float x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

std::uint32_t bitsOf(float x) {
  std::uint32_t u;
  std::memcpy(&u, &x, sizeof u);
  return u;
}

// A float with a random significand and sign and a biased exponent in [lo, hi].
float randomFloat(std::uint64_t r, unsigned lo, unsigned hi) {
  const std::uint32_t exponent = lo + static_cast<std::uint32_t>((r >> 40) % (hi - lo + 1));
  return floatOf((static_cast<std::uint32_t>(r) & 0x807fffffu) | (exponent << 23));
}

std::vector<float> fmaRecords(std::size_t n) {
  std::vector<float> out;
  out.reserve(4 * n);
  std::uint64_t state = 0x5eed0f1f;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t r1 = next(state), r2 = next(state), r3 = next(state);
    float a, b, c;
    switch (i % 5) {
      case 0:  // any finite operands
        a = randomFloat(r1, 0, 254), b = randomFloat(r2, 0, 254), c = randomFloat(r3, 0, 254);
        break;
      case 1:  // c cancels the rounded product to within a few ulps
        a = randomFloat(r1, 100, 150), b = randomFloat(r2, 100, 150);
        c = -floatOf(bitsOf(static_cast<float>(static_cast<double>(a) * b)) + static_cast<std::uint32_t>(r3 % 9) - 4u);
        break;
      case 2:  // c far below the product: the sum lands near a float midpoint
        a = randomFloat(r1, 110, 140), b = randomFloat(r2, 110, 140), c = randomFloat(r3, 60, 110);
        break;
      case 3:  // results in and near the float subnormal range
        a = randomFloat(r1, 40, 90), b = randomFloat(r2, 40, 90), c = randomFloat(r3, 0, 5);
        break;
      default:  // operands like those of logF32: around 1 and around 2^-24
        a = randomFloat(r1, 100, 128), b = randomFloat(r2, 120, 130), c = randomFloat(r3, 80, 127);
        break;
    }
    out.insert(out.end(), {a, b, c, snn::fmaF32(a, b, c)});
  }
  return out;
}

double doubleOf(std::uint64_t u) {
  double x;
  std::memcpy(&x, &u, sizeof x);
  return x;
}

std::vector<double> sinRecords(std::size_t n) {
  std::vector<double> out;
  out.reserve(2 * n);
  std::uint64_t state = 0x5eed5111;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t r = next(state);
    double u;
    switch (i % 6) {
      case 0:  // the generator's argument: (t - start)/period + phase, float32 period and phase
      case 1: {
        const float period = static_cast<float>(1 + (r >> 44) % 4000) * 0.0625f + static_cast<float>((r >> 20) % 1000) * 1e-4f;
        const float phase = static_cast<float>(static_cast<std::int64_t>((r >> 8) % 4001) - 2000) * 0.0005f;
        u = static_cast<double>(r % 1000001) / static_cast<double>(period) + static_cast<double>(phase);
        break;
      }
      case 2:  // any double in [-8, 8)
        u = (static_cast<double>(r >> 11) * 0x1p-53 - 0.5) * 16;
        break;
      case 3: {  // a multiple of 1/4 up to 2^20 turns, moved by up to 8 ulps
        double x = static_cast<double>(static_cast<std::int64_t>(r % (1u << 23)) - (1 << 22)) * 0.25;
        for (std::uint64_t k = (r >> 40) % 17; k > 8; --k) x = std::nextafter(x, 1e300);
        for (std::uint64_t k = (r >> 40) % 17; k < 8; ++k) x = std::nextafter(x, -1e300);
        u = x;
        break;
      }
      case 4: {  // a double with a random significand and sign, exponent -1100..60 (subnormals, tiny, large)
        const std::int64_t biased = static_cast<std::int64_t>(next(state) % 1161) + 1023 - 1100;
        u = doubleOf((r & 0x800fffffffffffffull) | (static_cast<std::uint64_t>(biased > 0 ? biased : 0) << 52));
        break;
      }
      default:  // the last quarter turn before each half turn, where the fold 1/2 - r works
        u = static_cast<double>(r % 100000) * 0.5 + 0.25 + static_cast<double>(r >> 40) * 0x1p-26;
        break;
    }
    out.push_back(u);
    out.push_back(snn::sinTurns(u));
  }
  return out;
}

bool writeDoubles(const char* path, const std::vector<double>& values) {
  std::FILE* f = std::fopen(path, "wb");
  if (!f) return false;
  const bool ok = std::fwrite(values.data(), sizeof(double), values.size(), f) == values.size();
  return std::fclose(f) == 0 && ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "log") == 0) {
    std::vector<float> x;
    if (!readFloats(argv[2], x)) {
      std::fprintf(stderr, "reference_probe: cannot read %s\n", argv[2]);
      return 2;
    }
    for (float& v : x) v = snn::logF32(v);
    if (!writeFloats(argv[3], x)) {
      std::fprintf(stderr, "reference_probe: cannot write %s\n", argv[3]);
      return 2;
    }
    return 0;
  }
  if (argc == 4 && std::strcmp(argv[1], "fma") == 0) {
    const long n = std::strtol(argv[2], nullptr, 10);
    if (n <= 0 || !writeFloats(argv[3], fmaRecords(static_cast<std::size_t>(n)))) {
      std::fprintf(stderr, "reference_probe: cannot write %s\n", argv[3]);
      return 2;
    }
    return 0;
  }
  if (argc == 4 && std::strcmp(argv[1], "sin") == 0) {
    const long n = std::strtol(argv[2], nullptr, 10);
    if (n <= 0 || !writeDoubles(argv[3], sinRecords(static_cast<std::size_t>(n)))) {
      std::fprintf(stderr, "reference_probe: cannot write %s\n", argv[3]);
      return 2;
    }
    return 0;
  }
  std::fprintf(stderr, "usage: reference_probe log IN OUT | reference_probe fma N OUT | reference_probe sin N OUT\n");
  return 2;
}
