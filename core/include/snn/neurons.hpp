// Spiking neuron populations with the float32 semantics of snnTorch 0.9.4 (see golden/README.md).
//
// A population holds N neurons for each of B batch rows; every state is one contiguous float array of
// B*N values (row-major [batch][neuron]). One call to step() is one forward call of the snnTorch class:
// it reads the input, updates the state in place and writes the spikes. Steps never allocate.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "snn/float_math.hpp"  // logF32, expF32: the derived constants below use them

namespace snn {

enum class ModelKind {
  Lapicque,   // RC circuit, forward Euler (snn.Lapicque)
  Leaky,      // 1st-order LIF (snn.Leaky)
  Synaptic,   // 2nd-order, synaptic current + membrane (snn.Synaptic, formerly Stein)
  Alpha,      // recursive SRM0 / alpha kernel (snn.Alpha, formerly SRM0)
  EulerLIF,   // the tutorial notebooks' hand-written forward-Euler neuron (not an snnTorch class)
  Srm0V02,    // SRM0 as snnTorch v0.2.11 computed it (its subtract reset is a different model)
};

enum class ResetMechanism { Subtract, Zero, None };

// When the reported spike is computed.
//  AfterUpdate  : from the membrane this call produced (snnTorch >= 0.4.4, today's classes).
//  BeforeUpdate : from the membrane the call started with (snnTorch <= 0.4.3 and the notebooks'
//                 hand-written neurons), so every spike shows up one row later.
enum class SpikeTiming { AfterUpdate, BeforeUpdate };

const char* modelName(ModelKind kind);
const char* resetName(ResetMechanism reset);

// Parameters of a population, with snnTorch's meaning. Per-neuron parameters hold 1 value (shared by all
// neurons) or N values. Values are stored as given (before clamping); the layer derives its constants.
struct NeuronDef {
  ModelKind model = ModelKind::Leaky;
  std::vector<float> alpha;              // Synaptic, Alpha, Srm0V02
  std::vector<float> beta;               // Leaky, Synaptic, Alpha, Srm0V02; Lapicque (optional)
  std::vector<float> threshold{1.0f};
  ResetMechanism reset = ResetMechanism::Subtract;
  bool reset_delay = true;               // Leaky, Synaptic
  std::vector<float> graded_spikes_factor{1.0f};  // Leaky; per neuron or one for all
  // Lapicque and EulerLIF: the RC circuit, as the user typed it (snnTorch turns Python numbers into
  // float32 tensors; the notebooks' hand-written neuron computes dt/(RC) in double). 0 means "not given":
  // Lapicque then derives it from beta.
  double R = 0.0;
  double C = 0.0;
  double time_step = 1.0;
  SpikeTiming spike_timing = SpikeTiming::AfterUpdate;
  // snnTorch v0.2.11 kept R, C and time_step as Python numbers: Lapicque's coefficients are computed in
  // double and each is rounded to float32 when it meets the tensor.
  bool v02_arithmetic = false;
};

// Constants derived once from a NeuronDef, in float32, exactly as snnTorch derives them.
struct LapicqueConstants {
  float R, C, time_step;
  float inv_RC;        // 1/(R*C)
  float one_minus_dt_over_RC;  // 1 - dt/(R*C): the decay the update really applies
  float beta_reported; // exp(-dt/(R*C)) when built from R and C (snnTorch reports it, never uses it;
                       // expF32 is not torch.exp bit for bit, see float_math.hpp)
};
LapicqueConstants lapicqueConstants(const NeuronDef& def);
// tau_alpha = ln(a)/(ln(b) - ln(a)) + 1 with a, b clamped to [0, 1], every operation in float32.
float alphaTau(float alpha, float beta);
// Index of the first NaN or infinity in values[0..n), or n. A branch-free scan of the exponent bits (it
// runs on every step of the JS API, so it must cost far less than the step itself).
std::size_t firstNonFinite(const float* values, std::size_t n);
// The largest |values[i]| (0 for none), in one branch-free scan of the bits; infinity or NaN when one of
// them is not finite.
float maxMagnitude(const float* values, std::size_t n);

class NeuronLayer {
 public:
  virtual ~NeuronLayer() = default;
  NeuronLayer(const NeuronLayer&) = delete;
  NeuronLayer& operator=(const NeuronLayer&) = delete;

  const NeuronDef& def() const { return def_; }
  std::size_t neurons() const { return neurons_; }
  std::size_t batch() const { return batch_; }
  std::size_t size() const { return neurons_ * batch_; }

  // One forward call: input[size()] -> spk[size()]; the state advances in place.
  void step(const float* input, float* spk);

  // `steps` forward calls on the same input (a constant current held for `steps` steps), recording no
  // trace: the states end bit for bit where `steps` calls of step() would leave them. When counts is not
  // null, counts[i] (size() values) grows by the number of steps in which neuron i reported a non-zero
  // spike. Neurons of a population do not interact, so this advances one block of neurons through every
  // step before it moves to the next block: the block stays in the L1 cache instead of streaming the
  // whole population through memory once per step (Leaky with snnTorch's defaults goes further: 20
  // neurons at a time stay in vector registers for every step). Counts are added when a block is done.
  // Allocates nothing.
  virtual void advance(const float* input, std::size_t steps, float* counts);

  // State arrays, in snnTorch's return order without spk: e.g. {"syn", "mem"}.
  const std::vector<std::string>& stateNames() const { return names_; }
  std::size_t stateCount() const { return names_.size(); }
  const float* state(std::size_t index) const { return state_[index].data(); }
  float* state(std::size_t index) { return state_[index].data(); }
  // Index of a state by name, or -1.
  int stateIndex(const std::string& name) const;

  // The initial state (zeros unless set): N values (one per neuron, same for every batch row) or size().
  void setInitialState(std::size_t index, const std::vector<float>& values);
  // Back to the initial state, as snnTorch's reset_mem() followed by assigning init.
  virtual void reset();

  // A bound on every state's magnitude after `steps` more steps, from a bound on it now and on the
  // inputs', rounding included; infinity where the model gives none (its states must then be scanned).
  virtual double magnitudeAfter(double now, double input, std::size_t steps) const;

 protected:
  NeuronLayer(const NeuronDef& def, std::size_t neurons, std::size_t batch, std::vector<std::string> names);
  // One forward call for neurons [begin, end) of batch row `row`. x and spk point at the input and the spike
  // output of neuron `begin` of that row; states and per-neuron parameters are indexed by the layer.
  virtual void update(std::size_t row, std::size_t begin, std::size_t end, const float* x, float* spk) = 0;
  // advance() for neurons [begin, end) of batch row `row` (x and counts point at neuron `begin` of the row),
  // block by block through update(). Any model can advance this way.
  void advanceRange(std::size_t row, std::size_t begin, std::size_t end, const float* x, std::size_t steps,
                    float* counts);
  // A per-neuron parameter (1 or N values) broadcast to N values, optionally clamped to [0, 1].
  std::vector<float> perNeuron(const std::vector<float>& values, bool clamp01) const;

  NeuronDef def_;
  std::size_t neurons_;
  std::size_t batch_;
  std::vector<std::string> names_;
  std::vector<std::vector<float>> state_;
  std::vector<std::vector<float>> init_;
};

// Builds the population for def.model. The def must have passed validateNeuronDef (validate.hpp).
std::unique_ptr<NeuronLayer> makeNeuronLayer(const NeuronDef& def, std::size_t neurons, std::size_t batch = 1);

}  // namespace snn
