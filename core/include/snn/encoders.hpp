// Spike encoders with the semantics of snntorch.spikegen (0.9.4): rate, latency and delta.
// Data is a flat array of E elements (any shape flattened row-major); outputs are [num_steps][E] row-major.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace snn {

struct RateOptions {
  float gain = 1.0f;
  float offset = 0.0f;
  std::size_t first_spike_time = 0;  // rows before it are 0
  std::uint64_t seed = 0;            // our PCG32: same seed, same spikes on every platform
};

// Bernoulli(clamp(data*gain + offset, 0, 1)) drawn independently for every step and element.
// Draw order: row by row, element by element (one PCG32 stream per call).
std::vector<float> rateEncode(const std::vector<float>& data, std::size_t num_steps, const RateOptions& options);
// time_var_input=True: data already has a time axis, [T][E]; each value is drawn as it is.
std::vector<float> rateEncodeTimeVarying(const std::vector<float>& data, std::size_t elements,
                                         const RateOptions& options);

struct LatencyOptions {
  float threshold = 0.01f;
  float tau = 1.0f;
  float first_spike_time = 0.0f;
  float on_target = 1.0f;
  float off_target = 0.0f;
  float epsilon = 1e-7f;
  bool clip = false;
  bool normalize = false;
  bool linear = false;
  bool bypass = false;
};

struct LatencyResult {
  std::size_t num_steps = 0;       // as given, or round(max t) + 1 with bypass and no num_steps
  std::vector<float> spike_time;   // [E] the float32 spike time before rounding
  std::vector<float> spikes;       // [num_steps][E]
};

// One spike per element at row round_half_even(min(t, num_steps-1)), t from the log or linear code.
// num_steps == 0 means "not given" (only allowed with bypass). Throws ScenarioError (Range) as snnTorch
// raises when the latest spike would fall past the last step and bypass is off. Data must be in [0, 1].
LatencyResult latencyEncode(const std::vector<float>& data, std::size_t num_steps, const LatencyOptions& options);

struct DeltaOptions {
  float threshold = 0.1f;
  bool padding = false;    // compare row 0 with itself instead of with 0
  bool off_spike = false;  // also emit -1 where the value falls by threshold or more
};

// data is [T][E]; 1 where data[t] - data[t-1] >= threshold, -1 (off_spike) where <= -threshold, else 0.
std::vector<float> deltaEncode(const std::vector<float>& data, std::size_t elements, const DeltaOptions& options);

}  // namespace snn
