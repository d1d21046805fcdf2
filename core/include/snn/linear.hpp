// A fully connected layer with PyTorch's conventions: weight [out][in], y = x·Wᵀ + b.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include <Eigen/Core>

#include "snn/rng.hpp"

namespace snn {

class Linear {
 public:
  Linear(std::size_t in, std::size_t out, bool has_bias = true);
  // A layer holding `parameters` (as parameters() returns them: every weight in storage order, then the bias).
  Linear(std::size_t in, std::size_t out, bool has_bias, const std::vector<float>& parameters);
  // A layer that shares `storage` (as sharedParameters() gives it) with its other holders — a ScenarioCache
  // entry, other layers — instead of copying it: none of them may write to it while it is shared, and this
  // layer copies it before its first write (weight(), bias(), setParameters, initDefault).
  Linear(std::size_t in, std::size_t out, bool has_bias, std::shared_ptr<std::vector<float>> storage);

  // weight is row-major [out][in] as PyTorch stores and prints it; bias has `out` values or is empty.
  static Linear fromRowMajor(std::size_t in, std::size_t out, const std::vector<float>& weight,
                             const std::vector<float>& bias);

  // PyTorch's default nn.Linear initialisation, U(-1/sqrt(in), 1/sqrt(in)) for weights and bias, drawn
  // from our generator: weights row by row, then the bias.
  void initDefault(Pcg32& rng);
  // The stream a layer's default weights are drawn from when nothing else is said: 1000 + its entry index
  // in a network's `layers` (0, 2, 4, ...; a Linear on its own is entry 0), so that layers never shift
  // each other's draws.
  static std::uint64_t defaultStream(std::size_t layer_entry) { return 1000 + layer_entry; }

  // The weights row-major [out][in], as PyTorch stores and prints them.
  std::vector<float> rowMajorWeights() const;

  // Every weight (in storage order) then the bias: a copy of the layer's parameters, and its inverse.
  std::vector<float> parameters() const;
  void setParameters(const std::vector<float>& values);
  // The storage itself, to share with another holder (see the sharing constructor): the parameters lie
  // from its first 16-byte boundary on, so that a weight column's four-float loads never straddle a cache
  // line (the allocator aligns to 8 bytes only; W2 ran ~3 % slower in V8 so).
  std::shared_ptr<std::vector<float>> sharedParameters() const { return storage_; }

  std::size_t in() const { return in_; }
  std::size_t out() const { return out_; }
  bool hasBias() const { return has_bias_; }
  // [out][in]; column-major, so the weights leaving input i are contiguous. The writable views make the
  // block this layer's own first.
  Eigen::Map<const Eigen::MatrixXf> weight() const { return {params_, rows(), cols()}; }
  Eigen::Map<Eigen::MatrixXf> weight() { return {writable(), rows(), cols()}; }
  Eigen::Map<const Eigen::VectorXf> bias() const { return {params_ + in_ * out_, rows()}; }
  Eigen::Map<Eigen::VectorXf> bias() { return {writable() + in_ * out_, rows()}; }

  // y[batch][out] = x[batch][in] · Wᵀ + b. Only non-zero inputs contribute: a spike (exactly 1) adds the
  // weight column as it is, an analog value adds value*column. The sum runs over inputs in index order and
  // the bias is added last, so dense and sparse input give the same bits on every platform.
  void forward(const float* x, std::size_t batch, float* y) const;

 private:
  Eigen::Index rows() const { return static_cast<Eigen::Index>(out_); }
  Eigen::Index cols() const { return static_cast<Eigen::Index>(in_); }
  std::size_t size() const { return in_ * out_ + out_; }
  // Takes `storage` (at least size() + 3 floats) and points params_ at its first 16-byte boundary.
  void hold(std::shared_ptr<std::vector<float>> storage);
  // The parameters for writing: copied first when anyone else holds the storage too.
  float* writable();

  std::size_t in_, out_;
  bool has_bias_;
  std::shared_ptr<std::vector<float>> storage_;
  float* params_ = nullptr;  // in storage_
};

}  // namespace snn
