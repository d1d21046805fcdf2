// Internal: the runs a Session needs beyond the public runner (scenario.hpp).
#pragma once

#include <vector>

#include "snn/network.hpp"
#include "snn/scenario.hpp"

namespace snn::detail {

// runNetwork, with the first Linear's outputs for every step given ([T][batch][out_1], from an earlier run on
// the same input: that layer is then not computed) or wanted (keep_first_currents receives them).
Trace runNetworkWith(Network& net, const float* inputs, std::size_t input_stride, std::size_t steps,
                     const std::vector<std::string>& record, const float* first_currents,
                     std::vector<float>* keep_first_currents);

// Neuron updates and multiply-adds of one step of `net` (what a progress report counts).
double networkWorkPerStep(const Network& net);

// runScenario, passing first_currents / keep_first_currents on to runNetworkWith for a network.
Trace runScenarioWith(Scenario s, const float* first_currents, std::vector<float>* keep_first_currents);

}  // namespace snn::detail
