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

  // One time step for the whole batch: x is [batch][inputSize()].
  void step(const float* x);
  // The same step when what the first Linear makes of x is known ([batch][out_1], computed before): that
  // layer is not computed again.
  void stepFromFirstCurrent(const float* first_current);
  // What the last step produced in layer k: [batch][out_k] each.
  const float* current(std::size_t k) const { return currents_[k].data(); }
  const float* spikes(std::size_t k) const { return spikes_[k].data(); }

  void reset();

 private:
  // Layer k's population on currents_[k], then every later layer.
  void stepFrom(std::size_t k);

  std::vector<Linear> linears_;
  std::vector<std::unique_ptr<NeuronLayer>> populations_;
  std::vector<std::vector<float>> currents_, spikes_;
  std::size_t batch_;
};

}  // namespace snn
