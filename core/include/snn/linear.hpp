// A fully connected layer with PyTorch's conventions: weight [out][in], y = x·Wᵀ + b.
#pragma once

#include <cstddef>
#include <vector>

#include <Eigen/Core>

#include "snn/rng.hpp"

namespace snn {

class Linear {
 public:
  Linear(std::size_t in, std::size_t out, bool has_bias = true);
  // A layer holding `parameters` (as parameters() returns them: every weight in storage order, then the bias).
  Linear(std::size_t in, std::size_t out, bool has_bias, const std::vector<float>& parameters);

  // weight is row-major [out][in] as PyTorch stores and prints it; bias has `out` values or is empty.
  static Linear fromRowMajor(std::size_t in, std::size_t out, const std::vector<float>& weight,
                             const std::vector<float>& bias);

  // PyTorch's default nn.Linear initialisation, U(-1/sqrt(in), 1/sqrt(in)) for weights and bias, drawn
  // from our generator: weights row by row, then the bias.
  void initDefault(Pcg32& rng);

  // Every weight (in storage order) then the bias: a copy of the layer's parameters, and its inverse.
  std::vector<float> parameters() const;
  void setParameters(const std::vector<float>& values);

  std::size_t in() const { return static_cast<std::size_t>(weight_.cols()); }
  std::size_t out() const { return static_cast<std::size_t>(weight_.rows()); }
  bool hasBias() const { return has_bias_; }
  // [out][in]; column-major, so the weights leaving input i are contiguous.
  const Eigen::MatrixXf& weight() const { return weight_; }
  Eigen::MatrixXf& weight() { return weight_; }
  const Eigen::VectorXf& bias() const { return bias_; }
  Eigen::VectorXf& bias() { return bias_; }

  // y[batch][out] = x[batch][in] · Wᵀ + b. Only non-zero inputs contribute: a spike (exactly 1) adds the
  // weight column as it is, an analog value adds value*column. The sum runs over inputs in index order and
  // the bias is added last, so dense and sparse input give the same bits on every platform.
  void forward(const float* x, std::size_t batch, float* y) const;

 private:
  Eigen::MatrixXf weight_;
  Eigen::VectorXf bias_;
  bool has_bias_;
};

}  // namespace snn
