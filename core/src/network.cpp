#include "snn/network.hpp"

#include <algorithm>
#include <cassert>

namespace snn {

Network::Network(std::vector<Linear> linears, const std::vector<NeuronDef>& neurons, std::size_t batch)
    : linears_(std::move(linears)), batch_(batch) {
  assert(!linears_.empty() && linears_.size() == neurons.size());
  for (std::size_t k = 0; k < linears_.size(); ++k) {
    const std::size_t n = linears_[k].out();
    populations_.push_back(makeNeuronLayer(neurons[k], n, batch));
    currents_.emplace_back(n * batch, 0.0f);
    spikes_.emplace_back(n * batch, 0.0f);
  }
}

void Network::step(const float* x) {
  linears_[0].forward(x, batch_, currents_[0].data());
  stepFrom(0);
}

void Network::stepFromFirstCurrent(const float* first_current) {
  std::copy(first_current, first_current + currents_[0].size(), currents_[0].begin());
  stepFrom(0);
}

void Network::stepFrom(std::size_t k) {
  for (;; ++k) {
    populations_[k]->step(currents_[k].data(), spikes_[k].data());
    if (k + 1 == linears_.size()) return;
    linears_[k + 1].forward(spikes_[k].data(), batch_, currents_[k + 1].data());
  }
}

void Network::reset() {
  for (auto& p : populations_) p->reset();
  for (auto& c : currents_) std::fill(c.begin(), c.end(), 0.0f);
  for (auto& s : spikes_) std::fill(s.begin(), s.end(), 0.0f);
}

}  // namespace snn
