#include "snn/linear.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace snn {

Linear::Linear(std::size_t in, std::size_t out, bool has_bias)
    : weight_(Eigen::MatrixXf::Zero(static_cast<Eigen::Index>(out), static_cast<Eigen::Index>(in))),
      bias_(Eigen::VectorXf::Zero(static_cast<Eigen::Index>(out))),
      has_bias_(has_bias) {}

Linear Linear::fromRowMajor(std::size_t in, std::size_t out, const std::vector<float>& weight,
                            const std::vector<float>& bias) {
  assert(weight.size() == in * out);
  Linear layer(in, out, !bias.empty());
  for (std::size_t o = 0; o < out; ++o)
    for (std::size_t i = 0; i < in; ++i)
      layer.weight_(static_cast<Eigen::Index>(o), static_cast<Eigen::Index>(i)) = weight[o * in + i];
  for (std::size_t o = 0; o < bias.size(); ++o) layer.bias_(static_cast<Eigen::Index>(o)) = bias[o];
  return layer;
}

void Linear::initDefault(Pcg32& rng) {
  const float bound = static_cast<float>(1.0 / std::sqrt(static_cast<double>(in())));
  for (Eigen::Index o = 0; o < weight_.rows(); ++o)
    for (Eigen::Index i = 0; i < weight_.cols(); ++i) weight_(o, i) = rng.uniform(-bound, bound);
  if (has_bias_)
    for (Eigen::Index o = 0; o < bias_.size(); ++o) bias_(o) = rng.uniform(-bound, bound);
}

std::vector<float> Linear::parameters() const {
  std::vector<float> values(weight_.data(), weight_.data() + weight_.size());
  values.insert(values.end(), bias_.data(), bias_.data() + bias_.size());
  return values;
}

void Linear::setParameters(const std::vector<float>& values) {
  assert(values.size() == static_cast<std::size_t>(weight_.size() + bias_.size()));
  std::copy(values.begin(), values.begin() + weight_.size(), weight_.data());
  std::copy(values.begin() + weight_.size(), values.end(), bias_.data());
}

void Linear::forward(const float* x, std::size_t batch, float* y) const {
  const std::size_t n_in = in(), n_out = out();
  const float* w = weight_.data();
  const float* b = bias_.data();
  for (std::size_t r = 0; r < batch; ++r, x += n_in, y += n_out) {
    std::fill(y, y + n_out, 0.0f);
    for (std::size_t i = 0; i < n_in; ++i) {
      const float xi = x[i];
      if (xi == 0.0f) continue;  // spike input is mostly zeros: skip silent inputs entirely
      const float* col = w + i * n_out;
      if (xi == 1.0f) {
#if defined(__clang__)
#pragma clang loop interleave_count(4)
#endif
        for (std::size_t o = 0; o < n_out; ++o) y[o] += col[o];
      } else {
        for (std::size_t o = 0; o < n_out; ++o) y[o] += xi * col[o];
      }
    }
    if (has_bias_)
      for (std::size_t o = 0; o < n_out; ++o) y[o] += b[o];
  }
}

}  // namespace snn
