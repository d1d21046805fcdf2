// Linear layers and networks: y = x·Wᵀ + b against an independent reference, sparse spike input equal to
// the dense sum, PyTorch-style seeded initialisation, and batch rows that do not leak into each other.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "snn/linear.hpp"
#include "snn/network.hpp"
#include "snn/rng.hpp"
#include "support.hpp"

namespace {

// Reference: the same summation order (inputs in index order, bias last), written the obvious way over
// the row-major [out][in] weights.
std::vector<float> reference(const std::vector<float>& w, const std::vector<float>& b, const std::vector<float>& x,
                             std::size_t in, std::size_t out) {
  std::vector<float> y(out);
  for (std::size_t o = 0; o < out; ++o) {
    float acc = 0.0f;
    for (std::size_t i = 0; i < in; ++i)
      if (x[i] != 0.0f) acc += x[i] * w[o * in + i];
    y[o] = acc + b[o];
  }
  return y;
}

std::vector<float> randomVector(snn::Pcg32& rng, std::size_t n, float lo, float hi) {
  std::vector<float> v(n);
  for (float& f : v) f = rng.uniform(lo, hi);
  return v;
}

}  // namespace

TEST_CASE("linear: analog input equals the reference bit for bit and a double matmul closely", "[network]") {
  snn::Pcg32 rng(11);
  const std::size_t in = 37, out = 19;
  const auto w = randomVector(rng, in * out, -1, 1), b = randomVector(rng, out, -1, 1), x = randomVector(rng, in, -2, 2);
  const snn::Linear layer = snn::Linear::fromRowMajor(in, out, w, b);
  std::vector<float> y(out);
  layer.forward(x.data(), 1, y.data());
  CHECK(snn::test::firstBitMismatch(y, reference(w, b, x, in, out)) == -1);
  for (std::size_t o = 0; o < out; ++o) {
    double acc = b[o];
    for (std::size_t i = 0; i < in; ++i) acc += double(x[i]) * w[o * in + i];
    CHECK(std::fabs(y[o] - acc) < 1e-5);
  }
}

TEST_CASE("linear: spike input (0/1) takes the sparse path and equals the reference", "[network]") {
  snn::Pcg32 rng(12);
  const std::size_t in = 784, out = 100;
  const auto w = randomVector(rng, in * out, -0.05f, 0.05f), b = randomVector(rng, out, -0.05f, 0.05f);
  std::vector<float> x(in);
  for (float& v : x) v = rng.nextFloat() < 0.05f ? 1.0f : 0.0f;
  const snn::Linear layer = snn::Linear::fromRowMajor(in, out, w, b);
  std::vector<float> y(out);
  layer.forward(x.data(), 1, y.data());
  CHECK(snn::test::firstBitMismatch(y, reference(w, b, x, in, out)) == -1);
}

TEST_CASE("linear: spikes, analog values and zeros mixed, any width, equal the reference bit for bit", "[network]") {
  // forward() sums non-zero inputs a few at a time and in vector lanes: widths that are not a multiple of
  // the lane count, groups cut short at the end, and groups mixing spikes with analog values must all keep
  // the one-input-at-a-time order.
  snn::Pcg32 rng(13);
  for (std::size_t out : {1u, 3u, 4u, 7u, 101u}) {
    for (float density : {0.02f, 0.3f, 1.0f}) {
      const std::size_t in = 53, batch = 2;
      const auto w = randomVector(rng, in * out, -1, 1), b = randomVector(rng, out, -1, 1);
      std::vector<float> x(in * batch);
      for (std::size_t i = 0; i < x.size(); ++i) {
        const float u = rng.nextFloat();
        x[i] = u >= density ? (i % 5 == 0 ? -0.0f : 0.0f) : u < density * 0.7f ? 1.0f : rng.uniform(-3, 3);
      }
      const snn::Linear layer = snn::Linear::fromRowMajor(in, out, w, b);
      std::vector<float> y(out * batch);
      layer.forward(x.data(), batch, y.data());
      for (std::size_t r = 0; r < batch; ++r) {
        INFO("out " << out << ", density " << density << ", row " << r);
        const std::vector<float> row_x(x.begin() + static_cast<long>(r * in), x.begin() + static_cast<long>((r + 1) * in));
        const std::vector<float> row_y(y.begin() + static_cast<long>(r * out), y.begin() + static_cast<long>((r + 1) * out));
        CHECK(snn::test::firstBitMismatch(row_y, reference(w, b, row_x, in, out)) == -1);
      }
    }
  }
}

TEST_CASE("linear: default init is U(-1/sqrt(in), 1/sqrt(in)), seeded and reproducible", "[network]") {
  snn::Linear a(784, 1000), b(784, 1000), c(784, 1000);
  snn::Pcg32 r1(5, 1000), r2(5, 1000), r3(6, 1000);
  a.initDefault(r1);
  b.initDefault(r2);
  c.initDefault(r3);
  const float bound = 1.0f / std::sqrt(784.0f);
  CHECK(a.weight().maxCoeff() < bound);
  CHECK(a.weight().minCoeff() >= -bound);
  CHECK(a.bias().cwiseAbs().maxCoeff() <= bound);
  CHECK(std::fabs(a.weight().mean()) < 0.01 * bound);
  // Variance of U(-k, k) is k^2/3.
  const double var = (a.weight().array() * a.weight().array()).mean();
  CHECK(std::fabs(var - bound * bound / 3.0) < 0.01 * bound * bound);
  CHECK(a.weight() == b.weight());
  CHECK(a.bias() == b.bias());
  CHECK(a.weight() != c.weight());
}

TEST_CASE("linear: copies share their parameters until one of them writes", "[network]") {
  snn::Pcg32 rng(21);
  snn::Linear a(6, 4);
  a.initDefault(rng);
  const std::vector<float> drawn = a.parameters();
  snn::Linear b = a;  // shares the block
  CHECK(b.sharedParameters() == a.sharedParameters());
  b.weight()(1, 2) = 5.0f;  // b copies first
  CHECK(b.sharedParameters() != a.sharedParameters());
  CHECK(a.parameters() == drawn);
  CHECK(b.weight()(1, 2) == 5.0f);
  snn::Linear c = a;
  c.setParameters(std::vector<float>(drawn.size(), 1.0f));
  snn::Linear d = a;
  d.initDefault(rng);
  CHECK(a.parameters() == drawn);
  CHECK(c.parameters() == std::vector<float>(drawn.size(), 1.0f));
  CHECK(d.parameters() != drawn);
  // A layer alone writes in place: no copy when nobody shares the block.
  const auto block = c.sharedParameters().get();
  c.bias()(0) = 2.0f;
  CHECK(c.sharedParameters().get() == block);
  // Layers built on one block (as from a cache entry) forward alike.
  const snn::Linear e(6, 4, true, a.sharedParameters());
  std::vector<float> x{1, 0, 0.5f, 0, 1, 1}, ya(4), ye(4);
  a.forward(x.data(), 1, ya.data());
  e.forward(x.data(), 1, ye.data());
  CHECK(snn::test::firstBitMismatch(ye, ya) == -1);
}

TEST_CASE("network: batch rows are independent and each equals a batch-1 run", "[network]") {
  snn::Pcg32 rng(13);
  std::vector<snn::Linear> layers{snn::Linear(12, 9), snn::Linear(9, 4)};
  for (auto& l : layers) l.initDefault(rng);
  snn::NeuronDef leaky;
  leaky.beta = {0.9f};
  snn::NeuronDef syn;
  syn.model = snn::ModelKind::Synaptic;
  syn.alpha = {0.8f};
  syn.beta = {0.7f};
  snn::Network batched(layers, {leaky, syn}, 3), single(layers, {leaky, syn}, 1);
  std::vector<float> x(3 * 12), x1(12);
  for (int t = 0; t < 30; ++t) {
    for (float& v : x) v = rng.nextFloat() < 0.3f ? 1.0f : 0.0f;
    std::copy(x.begin() + 12, x.begin() + 24, x1.begin());  // batch row 1
    batched.step(x.data());
    single.step(x1.data());
    for (std::size_t k = 0; k < 2; ++k) {
      const std::size_t n = layers[k].out();
      for (std::size_t i = 0; i < n; ++i) {
        REQUIRE(batched.current(k)[n + i] == single.current(k)[i]);
        REQUIRE(batched.spikes(k)[n + i] == single.spikes(k)[i]);
        const int m = batched.population(k).stateIndex("mem");
        REQUIRE(batched.population(k).state(m)[n + i] == single.population(k).state(m)[i]);
      }
    }
  }
}
