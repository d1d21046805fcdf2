// snntorch.spikegen (0.9.4) in float32. Python scalars (threshold, tau, num_steps, ...) are combined in
// double as Python does, and rounded to float32 only where torch meets a float32 tensor; every tensor
// operation rounds once. Keep the operation order: the goldens are compared bit for bit.
#include "snn/encoders.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/neurons.hpp"
#include "snn/rng.hpp"

namespace snn {
namespace {

[[noreturn]] void fail(ScenarioError::Kind kind, const std::string& field, const std::string& message) {
  throw ScenarioError(kind, field, message);
}

// Shortest "%g" text that reads back as the same float32 ("0.01" for 0.01f, not 0.009999999776482582).
std::string shortestText(float v) {
  char buf[32];
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  return buf;
}

// snnTorch's threshold, epsilon, tau and first_spike_time are Python floats, combined in double before
// torch rounds the result to float32. The options hold float32, so recover the decimal the user wrote
// (the shortest one with this float32 value): 0.01f + 1e-7f must give float32(0.01 + 1e-7), which is one
// ulp above float32(double(0.01f) + double(1e-7f)).
double pyScalar(float v) {
  return std::isfinite(v) ? std::strtod(shortestText(v).c_str(), nullptr) : static_cast<double>(v);
}

std::string num(double v) {
  // Integral values as integers: formatNumber(10) gives "1e+01".
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 1e15) return std::to_string(static_cast<long long>(v));
  return formatNumber(v);
}
std::string num(float v) { return num(pyScalar(v)); }

// Refuses an output of steps x elements before it is allocated.
void checkOutputSize(const char* fn, std::size_t steps, std::size_t elements) {
  const std::string f(fn);
  if (steps > limits::kMaxSteps)
    fail(ScenarioError::Kind::Limit, f + ".num_steps",
         f + ": num_steps must be at most " + std::to_string(limits::kMaxSteps) + ", got " + std::to_string(steps));
  if (elements > limits::kMaxNeurons)
    fail(ScenarioError::Kind::Limit, f + ".data",
         f + ": data must have at most " + std::to_string(limits::kMaxNeurons) + " elements per step, got " +
             std::to_string(elements));
  if (elements != 0 && steps > limits::kMaxTraceValues / elements)
    fail(ScenarioError::Kind::Limit, f + ".num_steps",
         f + ": num_steps x elements must be at most " + std::to_string(limits::kMaxTraceValues) + ", got " +
             std::to_string(steps) + " x " + std::to_string(elements));
}

// torch.clamp(x, 0, 1) for a non-NaN x.
float clampUnit(float x) { return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x); }

// One Bernoulli draw; u is in [0, 1), so p <= 0 never fires and p >= 1 always does.
float bernoulli(Pcg32& rng, float p) { return rng.nextFloat() < p ? 1.0f : 0.0f; }

}  // namespace

std::vector<float> rateEncode(const std::vector<float>& data, std::size_t num_steps, const RateOptions& options) {
  const std::size_t elements = data.size();
  if (num_steps == 0)
    fail(ScenarioError::Kind::Range, "rate.num_steps", "rate: num_steps must be at least 1, got 0");
  if (options.first_spike_time > num_steps - 1)
    fail(ScenarioError::Kind::Range, "rate.first_spike_time",
         "rate: first_spike_time must be in [0, num_steps-1] = [0, " + std::to_string(num_steps - 1) + "], got " +
             std::to_string(options.first_spike_time));
  checkOutputSize("rate", num_steps, elements);

  // The probability does not depend on the row: data*gain + offset, each op rounded, then clamped.
  std::vector<float> p(elements);
  for (std::size_t e = 0; e < elements; ++e) {
    const float scaled = data[e] * options.gain;
    const float shifted = scaled + options.offset;
    if (std::isnan(shifted))  // torch.bernoulli refuses a NaN probability
      fail(ScenarioError::Kind::Range, "rate.data[" + std::to_string(e) + "]",
           "rate: data[" + std::to_string(e) + "]*gain + offset must be a number, got NaN (data[" +
               std::to_string(e) + "] = " + num(data[e]) + ", gain = " + num(options.gain) +
               ", offset = " + num(options.offset) + ")");
    p[e] = clampUnit(shifted);
  }

  std::vector<float> out(num_steps * elements);
  Pcg32 rng(options.seed);
  for (std::size_t t = 0; t < num_steps; ++t) {
    // Rows before first_spike_time are still drawn (and then zeroed, as snnTorch does), so a given seed
    // gives the same spikes on every later row whatever first_spike_time is.
    const bool silent = t < options.first_spike_time;
    float* row = out.data() + t * elements;
    for (std::size_t e = 0; e < elements; ++e) {
      const float s = bernoulli(rng, p[e]);
      row[e] = silent ? 0.0f : s;
    }
  }
  return out;
}

std::vector<float> rateEncodeTimeVarying(const std::vector<float>& data, std::size_t elements,
                                         const RateOptions& options) {
  if (elements == 0)
    fail(ScenarioError::Kind::Range, "rate.elements", "rate: elements per step must be at least 1, got 0");
  if (data.size() % elements != 0)
    fail(ScenarioError::Kind::Invalid, "rate.data",
         "rate: data must hold whole rows of " + std::to_string(elements) + " elements, got " +
             std::to_string(data.size()) + " values");
  const std::size_t rows = data.size() / elements;
  if (rows == 0)
    fail(ScenarioError::Kind::Range, "rate.data", "rate: time-varying data must have at least 1 row, got 0");
  if (options.first_spike_time > limits::kMaxSteps)
    fail(ScenarioError::Kind::Limit, "rate.first_spike_time",
         "rate: first_spike_time must be at most " + std::to_string(limits::kMaxSteps) + ", got " +
             std::to_string(options.first_spike_time));
  // snnTorch prepends first_spike_time zero rows (the output grows) and, like rate_conv, ignores gain
  // and offset for time-varying input.
  const std::size_t pad = options.first_spike_time;
  checkOutputSize("rate", rows + pad, elements);

  for (std::size_t i = 0; i < data.size(); ++i)
    if (std::isnan(data[i]))
      fail(ScenarioError::Kind::Range, "rate.data[" + std::to_string(i) + "]",
           "rate: data[" + std::to_string(i) + "] must be a number, got NaN");

  std::vector<float> out((rows + pad) * elements, 0.0f);
  Pcg32 rng(options.seed);
  float* dst = out.data() + pad * elements;
  for (std::size_t i = 0; i < data.size(); ++i) dst[i] = bernoulli(rng, clampUnit(data[i]));
  return out;
}

LatencyResult latencyEncode(const std::vector<float>& data, std::size_t num_steps, const LatencyOptions& o) {
  using K = ScenarioError::Kind;
  const std::size_t elements = data.size();
  if (elements == 0) fail(K::Range, "latency.data", "latency: data must have at least 1 element, got 0");
  for (std::size_t i = 0; i < elements; ++i)
    if (!(data[i] >= 0.0f && data[i] <= 1.0f))  // NaN is refused too
      fail(K::Range, "latency.data[" + std::to_string(i) + "]",
           "latency: data[" + std::to_string(i) + "] must be in [0, 1], got " + num(data[i]));
  if (!(o.threshold > 0.0f && o.threshold < 1.0f))
    fail(K::Range, "latency.threshold",
         "latency: threshold must be in (0, 1) (exclusive), got " + num(o.threshold));
  if (num_steps == 0 && !o.bypass)
    fail(K::Range, "latency.num_steps",
         "latency: num_steps must be at least 1 (0, i.e. not given, is only allowed with bypass), got 0");
  if (!(o.tau > 0.0f) || std::isinf(o.tau))
    fail(K::Range, "latency.tau", "latency: tau must be finite and > 0, got " + num(o.tau));
  if (!(o.first_spike_time >= 0.0f) || std::isinf(o.first_spike_time))
    fail(K::Range, "latency.first_spike_time",
         "latency: first_spike_time must be finite and >= 0, got " + num(o.first_spike_time));
  if (num_steps > 0 && static_cast<double>(o.first_spike_time) > static_cast<double>(num_steps) - 1.0)
    fail(K::Range, "latency.first_spike_time",
         "latency: first_spike_time must be in [0, num_steps-1] = [0, " + std::to_string(num_steps - 1) +
             "], got " + num(o.first_spike_time));
  if (o.normalize && num_steps == 0)
    fail(K::Range, "latency.num_steps", "latency: num_steps must be given (>= 1) when normalize is set, got 0");
  if (!std::isfinite(o.on_target))
    fail(K::Range, "latency.on_target", "latency: on_target must be finite, got " + num(o.on_target));
  if (!std::isfinite(o.off_target))
    fail(K::Range, "latency.off_target", "latency: off_target must be finite, got " + num(o.off_target));
  if (num_steps > 0) checkOutputSize("latency", num_steps, elements);

  const float thr = o.threshold;
  const float fst = o.first_spike_time;
  std::vector<float> t(elements);

  if (!o.linear) {
    // torch.clamp(data, threshold + epsilon): the sum is Python double arithmetic, rounded once to float32.
    const float floor = static_cast<float>(pyScalar(thr) + pyScalar(o.epsilon));
    if (!(floor > thr) || std::isinf(o.epsilon))  // else d' - thr can be 0 and the log infinite
      fail(K::Range, "latency.epsilon",
           "latency: epsilon must be > 0, finite and large enough that threshold + epsilon > threshold in "
           "float32, got " + num(o.epsilon));
    for (std::size_t i = 0; i < elements; ++i) {
      const float d = data[i] < floor ? floor : data[i];
      const float gap = d - thr;
      const float ratio = d / gap;
      float ti = o.tau * logF32(ratio);
      if (fst > 0.0f) ti = ti + fst;
      t[i] = ti;
    }
    if (o.normalize) {
      // (t - fst) * (num_steps - fst - 1) / max(t - fst) + fst, left to right; the factor is a Python scalar.
      const float span = static_cast<float>(static_cast<double>(num_steps) - pyScalar(fst) - 1.0);
      float max_shifted = -INFINITY;
      for (std::size_t i = 0; i < elements; ++i) {
        const float s = t[i] - fst;
        if (s > max_shifted) max_shifted = s;
      }
      // Every spike time equal to first_spike_time: torch divides 0 by 0 and then fails on NaN indices.
      if (!(max_shifted > 0.0f))
        fail(K::Invalid, "latency.normalize",
             "latency: normalize needs at least one spike time after first_spike_time, but every spike time "
             "equals first_spike_time = " + num(fst) + " (threshold " + num(thr) + " is too small to separate the data)");
      for (std::size_t i = 0; i < elements; ++i) {
        const float shifted = t[i] - fst;
        const float scaled = shifted * span;
        const float ratio = scaled / max_shifted;
        t[i] = ratio + fst;
      }
    }
  } else {
    const double tau = o.normalize ? static_cast<double>(num_steps) - 1.0 - pyScalar(fst) : pyScalar(o.tau);
    const float neg_tau = static_cast<float>(-tau);
    // clamp_max(-tau*(data - 1), -tau*(threshold - 1)): the bound is a Python double, rounded once.
    const float cap = static_cast<float>(-tau * (pyScalar(thr) - 1.0));
    for (std::size_t i = 0; i < elements; ++i) {
      const float lin = neg_tau * (data[i] - 1.0f);
      const float capped = lin > cap ? cap : lin;
      t[i] = capped + fst;
    }
    // snnTorch's rescaling for negative spike times cannot trigger: data is in [0, 1] and tau >= 0.
  }

  for (std::size_t i = 0; i < elements; ++i)
    if (!std::isfinite(t[i]))
      fail(K::Range, "latency.tau",
           "latency: spike time of data[" + std::to_string(i) + "] is not finite (tau = " + num(o.tau) +
               " too large), got " + num(t[i]));

  float max_t = t[0];
  for (float v : t)
    if (v > max_t) max_t = v;
  const double last_row = std::nearbyint(static_cast<double>(max_t));  // half to even, like torch.round

  LatencyResult result;
  if (num_steps == 0) {
    if (last_row + 1.0 > static_cast<double>(limits::kMaxSteps))
      fail(K::Limit, "latency.num_steps",
           "latency: with bypass, num_steps = round(max spike time) + 1 must be at most " +
               std::to_string(limits::kMaxSteps) + ", got " + num(last_row + 1.0));
    num_steps = static_cast<std::size_t>(last_row) + 1;
    checkOutputSize("latency", num_steps, elements);
  } else if (!o.bypass && last_row > static_cast<double>(num_steps) - 1.0) {
    fail(K::Range, "latency.num_steps",
         "latency: num_steps must be at least " + num(last_row + 1.0) + " so that the latest spike time " +
             num(max_t) + " (row " + num(last_row) + ") is <= num_steps-1, got num_steps = " +
             std::to_string(num_steps) + "; lower tau, set normalize, or set bypass to drop late spikes");
  }

  const float last = static_cast<float>(num_steps - 1);
  const float on = 1.0f * o.on_target;
  const float off0 = 0.0f * o.on_target;  // -0 for a negative on_target, as torch computes it
  const auto target = [&](float v) { return v < o.off_target ? o.off_target : v; };
  result.num_steps = num_steps;
  result.spikes.assign(num_steps * elements, target(off0));
  for (std::size_t i = 0; i < elements; ++i) {
    if (std::nearbyint(t[i]) > last) continue;  // past the last row: dropped (only reachable with bypass)
    if (o.clip && data[i] < thr) continue;
    const float capped = t[i] > last ? last : t[i];
    const auto row = static_cast<std::size_t>(std::nearbyint(capped));
    result.spikes[row * elements + i] = target(on);
  }
  result.spike_time = std::move(t);
  return result;
}

std::vector<float> deltaEncode(const std::vector<float>& data, std::size_t elements, const DeltaOptions& options) {
  if (elements == 0)
    fail(ScenarioError::Kind::Range, "delta.elements", "delta: elements per step must be at least 1, got 0");
  if (data.size() % elements != 0)
    fail(ScenarioError::Kind::Invalid, "delta.data",
         "delta: data must hold whole rows of " + std::to_string(elements) + " elements, got " +
             std::to_string(data.size()) + " values");
  if (data.empty())
    fail(ScenarioError::Kind::Range, "delta.data", "delta: data must have at least 1 row, got 0");
  if (std::isnan(options.threshold))
    fail(ScenarioError::Kind::Range, "delta.threshold", "delta: threshold must be a number, got NaN");
  const std::size_t rows = data.size() / elements;
  checkOutputSize("delta", rows, elements);

  const float thr = options.threshold;
  const float neg_thr = -thr;
  std::vector<float> out(data.size());
  for (std::size_t t = 0; t < rows; ++t) {
    for (std::size_t e = 0; e < elements; ++e) {
      const float cur = data[t * elements + e];
      const float prev = t > 0 ? data[(t - 1) * elements + e] : (options.padding ? cur : 0.0f);
      const float diff = cur - prev;
      // on + off, as torch adds the two masks: a negative threshold can set both and give 0.
      const float on_spk = diff >= thr ? 1.0f : 0.0f;
      const float off_spk = (options.off_spike && diff <= neg_thr) ? -1.0f : 0.0f;
      out[t * elements + e] = on_spk + off_spk;
    }
  }
  return out;
}

}  // namespace snn
