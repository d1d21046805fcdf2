#include "snn/linear.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>

#include "simd.hpp"

namespace snn {

namespace {

// Zeroed storage for n parameters, with 3 floats of slack so that they can start on a 16-byte boundary.
std::shared_ptr<std::vector<float>> storageFor(std::size_t n) { return std::make_shared<std::vector<float>>(n + 3); }

}  // namespace

Linear::Linear(std::size_t in, std::size_t out, bool has_bias) : in_(in), out_(out), has_bias_(has_bias) {
  hold(storageFor(size()));
}

Linear::Linear(std::size_t in, std::size_t out, bool has_bias, const std::vector<float>& parameters)
    : Linear(in, out, has_bias) {
  setParameters(parameters);
}

Linear::Linear(std::size_t in, std::size_t out, bool has_bias, std::shared_ptr<std::vector<float>> storage)
    : in_(in), out_(out), has_bias_(has_bias) {
  hold(std::move(storage));
}

void Linear::hold(std::shared_ptr<std::vector<float>> storage) {
  const auto address = reinterpret_cast<std::uintptr_t>(storage->data());
  params_ = storage->data() + (16 - address % 16) % 16 / sizeof(float);
  assert(params_ + size() <= storage->data() + storage->size());
  storage_ = std::move(storage);
}

float* Linear::writable() {
  if (storage_.use_count() > 1) {
    const float* shared = params_;
    hold(storageFor(size()));
    std::copy(shared, shared + size(), params_);
  }
  return params_;
}

Linear Linear::fromRowMajor(std::size_t in, std::size_t out, const std::vector<float>& weight,
                            const std::vector<float>& bias) {
  assert(weight.size() == in * out);
  Linear layer(in, out, !bias.empty());
  float* w = layer.writable();
  for (std::size_t o = 0; o < out; ++o)
    for (std::size_t i = 0; i < in; ++i) w[i * out + o] = weight[o * in + i];
  std::copy(bias.begin(), bias.end(), w + in * out);
  return layer;
}

std::vector<float> Linear::rowMajorWeights() const {
  std::vector<float> out(in_ * out_);
  for (std::size_t o = 0; o < out_; ++o)
    for (std::size_t i = 0; i < in_; ++i) out[o * in_ + i] = params_[i * out_ + o];
  return out;
}

void Linear::initDefault(Pcg32& rng) {
  const float bound = static_cast<float>(1.0 / std::sqrt(static_cast<double>(in())));
  float* w = writable();
  for (std::size_t o = 0; o < out_; ++o)
    for (std::size_t i = 0; i < in_; ++i) w[i * out_ + o] = rng.uniform(-bound, bound);
  if (has_bias_)
    for (std::size_t o = 0; o < out_; ++o) w[in_ * out_ + o] = rng.uniform(-bound, bound);
}

std::vector<float> Linear::parameters() const { return std::vector<float>(params_, params_ + size()); }

void Linear::setParameters(const std::vector<float>& values) {
  assert(values.size() == size());
  std::copy(values.begin(), values.end(), writable());
}

namespace {

// Inputs are summed kGroup at a time: y is read and written once per group instead of once per input.
constexpr std::size_t kGroup = 4;

// y[o] += scale[0]*cols[0][o] + ... for k columns, one column after the other for every o (the order of the
// one-column-at-a-time sum, so the same bits). A spike (scale exactly 1) adds its column as it is. Measured
// in V8: four spike columns per pass over y take 0.65 ms of W2's fc1 where one per pass took 1.06 ms.
// noinline: one copy of these loops in the wasm, not one per call site.
__attribute__((noinline)) void addColumns(float* y, std::size_t n, const float* const* cols, const float* scale,
                                          std::size_t k, bool spikes) {
  if (k == kGroup && spikes) {
    const float *c0 = cols[0], *c1 = cols[1], *c2 = cols[2], *c3 = cols[3];
    std::size_t o = 0;
    for (; o + 4 <= n; o += 4)
      detail::storeF4(y + o, (((detail::loadF4(y + o) + detail::loadF4(c0 + o)) + detail::loadF4(c1 + o)) +
                              detail::loadF4(c2 + o)) + detail::loadF4(c3 + o));
    for (; o < n; ++o) y[o] = (((y[o] + c0[o]) + c1[o]) + c2[o]) + c3[o];
    return;
  }
  // An analog value, or the last few inputs of a row: one column at a time (1*w is w, so spikes are exact).
  for (std::size_t j = 0; j < k; ++j)
    for (std::size_t o = 0; o < n; ++o) y[o] += scale[j] * cols[j][o];
}

}  // namespace

void Linear::forward(const float* x, std::size_t batch, float* y) const {
  const std::size_t n_in = in(), n_out = out();
  const float* w = params_;
  const float* b = w + n_in * n_out;
  for (std::size_t r = 0; r < batch; ++r, x += n_in, y += n_out) {
    std::fill(y, y + n_out, 0.0f);
    const float* cols[kGroup];
    float scale[kGroup];
    std::size_t k = 0;
    bool spikes = true;
    // Spike input is mostly zeros: silent inputs are skipped entirely. The non-zero ones are found 32 at a
    // time as the set bits of a mask (a branch per input would be mispredicted at every random spike).
    auto use = [&](std::size_t i) {
      cols[k] = w + i * n_out;
      scale[k] = x[i];
      spikes = spikes && x[i] == 1.0f;
      if (++k == kGroup) {
        addColumns(y, n_out, cols, scale, k, spikes);
        k = 0;
        spikes = true;
      }
    };
    const detail::F4 zero = {};
    std::size_t first = 0;
    for (; first + 32 <= n_in; first += 32) {
      std::uint32_t bits = 0;
      for (std::size_t q = 0; q < 8; ++q)
        bits |= detail::laneBits(detail::loadF4(x + first + 4 * q) != zero) << (4 * q);  // NaN counts as non-zero
      for (; bits != 0; bits &= bits - 1) use(first + static_cast<std::size_t>(__builtin_ctz(bits)));
    }
    for (; first < n_in; ++first)
      if (x[first] != 0.0f) use(first);
    addColumns(y, n_out, cols, scale, k, spikes);
    if (has_bias_)
      for (std::size_t o = 0; o < n_out; ++o) y[o] += b[o];
  }
}

}  // namespace snn
