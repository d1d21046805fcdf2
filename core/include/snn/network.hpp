// A feed-forward spiking network: Linear -> neurons -> Linear -> neurons ..., with a batch dimension, as
// snnTorch's tutorial networks (cur_k = fc_k(spk_{k-1}); spk_k, states_k = lif_k(cur_k)).
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "snn/linear.hpp"
#include "snn/neurons.hpp"

namespace snn {

class Network {
 public:
  // One neuron population per Linear; population k has linears[k].out() neurons.
  Network(std::vector<Linear> linears, const std::vector<NeuronDef>& neurons, std::size_t batch);

  std::size_t depth() const { return linears_.size(); }
  std::size_t batch() const { return batch_; }
  std::size_t inputSize() const { return linears_.front().in(); }
  const Linear& linear(std::size_t k) const { return linears_[k]; }
  Linear& linear(std::size_t k) { return linears_[k]; }
  const NeuronLayer& population(std::size_t k) const { return *populations_[k]; }
  NeuronLayer& population(std::size_t k) { return *populations_[k]; }

  // One time step for the whole batch: x is [batch][inputSize()]. With first_current ([batch][out_1], what
  // linear(0) makes of x, computed before), the first Linear is not computed again.
  void step(const float* x, const float* first_current = nullptr);
  // What the last step produced in layer k: [batch][out_k] each.
  const float* current(std::size_t k) const { return currents_[k].data(); }
  const float* spikes(std::size_t k) const { return spikes_[k].data(); }

  void reset();

 private:
  std::vector<Linear> linears_;
  std::vector<std::unique_ptr<NeuronLayer>> populations_;
  std::vector<std::vector<float>> currents_, spikes_;
  std::size_t batch_;
};

}  // namespace snn
