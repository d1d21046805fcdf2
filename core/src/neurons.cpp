// Update rules transcribed from golden/README.md ("Exact discrete-time equations"). Every line is one
// float32 operation in snnTorch's order; do not "simplify" them: a*b - a*b*r is not a*(1-r) in floats.
#include "snn/neurons.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "simd.hpp"

namespace snn {

const char* modelName(ModelKind kind) {
  switch (kind) {
    case ModelKind::Lapicque: return "Lapicque";
    case ModelKind::Leaky: return "Leaky";
    case ModelKind::Synaptic: return "Synaptic";
    case ModelKind::Alpha: return "Alpha";
    case ModelKind::EulerLIF: return "EulerLIF";
    case ModelKind::Srm0V02: return "SRM0(v0.2.11)";
  }
  return "?";
}

const char* resetName(ResetMechanism reset) {
  switch (reset) {
    case ResetMechanism::Subtract: return "subtract";
    case ResetMechanism::Zero: return "zero";
    case ResetMechanism::None: return "none";
  }
  return "?";
}

std::size_t firstNonFinite(const float* values, std::size_t n) {
  constexpr std::size_t kBlock = 256;
  for (std::size_t start = 0; start < n; start += kBlock) {
    const std::size_t end = std::min(n, start + kBlock);
    std::uint32_t any = 0;
    for (std::size_t i = start; i < end; ++i) {
      std::uint32_t u;
      std::memcpy(&u, values + i, sizeof u);
      any |= static_cast<std::uint32_t>((u & 0x7f800000u) == 0x7f800000u);  // exponent all ones: inf or NaN
    }
    if (any)
      for (std::size_t i = start; i < end; ++i)
        if (!std::isfinite(values[i])) return i;
  }
  return n;
}

// torch's clamp(0, 1) keeps -0.0 (and NaN). Not std::max(v, 0.0f): clang's WebAssembly backend (Emscripten
// 3.1.6) lowers that, and v < 0 ? 0 : v alone, to f32.max, which returns +0 for -0, so a beta or alpha of
// -0.0 acted as +0.0 in the WASM build only. This form compiles to a compare, a select and f32.min there.
float maxMagnitude(const float* values, std::size_t n) {
  std::uint32_t most = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t u;
    std::memcpy(&u, values + i, sizeof u);
    u &= 0x7fffffffu;  // as integers, the bits of |x| order like |x| (and every NaN lies above infinity)
    most = u > most ? u : most;
  }
  float m;
  std::memcpy(&m, &most, sizeof m);
  return m;
}

double NeuronLayer::magnitudeAfter(double, double, std::size_t) const { return INFINITY; }

static float clamp01(float v) { return v < 0.0f ? 0.0f : (v > 1.0f ? 1.0f : v); }

float alphaTau(float alpha, float beta) {
  const float log_a = logF32(clamp01(alpha));
  const float log_b = logF32(clamp01(beta));
  const float denom = log_b - log_a;
  return log_a / denom + 1.0f;
}

LapicqueConstants lapicqueConstants(const NeuronDef& def) {
  LapicqueConstants k{};
  k.time_step = static_cast<float>(def.time_step);
  const bool has_beta = !def.beta.empty();
  const float dt = k.time_step;
  if (has_beta && def.R <= 0 && def.C <= 0) {
    // R = 1 (an integer tensor in snnTorch, so R * log(...) is exact), C = dt / (R * ln(1/beta)).
    const float inv_beta = def.v02_arithmetic ? static_cast<float>(1.0 / static_cast<double>(def.beta[0]))
                                              : 1.0f / def.beta[0];
    const float ln_inv_beta = logF32(inv_beta);
    k.R = 1.0f;
    k.C = dt / (k.R * ln_inv_beta);
  } else if (has_beta && def.R > 0 && def.C <= 0) {
    k.R = static_cast<float>(def.R);
    k.C = dt / (k.R * logF32(1.0f / def.beta[0]));
  } else if (has_beta && def.C > 0 && def.R <= 0) {
    k.C = static_cast<float>(def.C);
    k.R = dt / (k.C * logF32(1.0f / def.beta[0]));
  } else {
    k.R = static_cast<float>(def.R);
    k.C = static_cast<float>(def.C);
  }
  const float rc = k.R * k.C;
  k.inv_RC = 1.0f / rc;
  k.one_minus_dt_over_RC = 1.0f - dt / rc;
  if (def.v02_arithmetic && def.R > 0 && def.C > 0) {
    const double rc_d = def.R * def.C;
    k.inv_RC = static_cast<float>(1.0 / rc_d);
    k.one_minus_dt_over_RC = static_cast<float>(1.0 - def.time_step / rc_d);
  }
  k.beta_reported = has_beta ? def.beta[0] : expF32(-dt / rc);
  return k;
}

NeuronLayer::NeuronLayer(const NeuronDef& def, std::size_t neurons, std::size_t batch,
                         std::vector<std::string> names)
    : def_(def), neurons_(neurons), batch_(batch), names_(std::move(names)) {
  state_.assign(names_.size(), std::vector<float>(size(), 0.0f));
  init_ = state_;
}

int NeuronLayer::stateIndex(const std::string& name) const {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<int>(i);
  return -1;
}

void NeuronLayer::setInitialState(std::size_t index, const std::vector<float>& values) {
  assert(values.size() == neurons_ || values.size() == size());
  auto& init = init_.at(index);
  for (std::size_t i = 0; i < size(); ++i) init[i] = values[values.size() == size() ? i : i % neurons_];
  state_[index] = init;
}

void NeuronLayer::reset() {
  for (std::size_t i = 0; i < state_.size(); ++i) std::copy(init_[i].begin(), init_[i].end(), state_[i].begin());
}

void NeuronLayer::step(const float* input, float* spk) {
  for (std::size_t row = 0; row < batch_; ++row) update(row, 0, neurons_, input + row * neurons_, spk + row * neurons_);
}

void NeuronLayer::advance(const float* input, std::size_t steps, float* counts) {
  for (std::size_t row = 0; row < batch_; ++row)
    advanceRange(row, 0, neurons_, input + row * neurons_, steps, counts ? counts + row * neurons_ : nullptr);
}

void NeuronLayer::advanceRange(std::size_t row, std::size_t begin, std::size_t end, const float* x, std::size_t steps,
                               float* counts) {
  // 512 neurons: their input, spikes, states and parameters take well under the 32 KiB of an L1 data cache.
  constexpr std::size_t kBlock = 512;
  float spk[kBlock];
  // Spikes are 0 or 1 unless graded: then adding them is counting them (one operation fewer per neuron).
  const bool binary = def_.graded_spikes_factor.size() == 1 && def_.graded_spikes_factor[0] == 1.0f;
  for (std::size_t first = begin; first < end; first += kBlock) {
    const std::size_t last = std::min(end, first + kBlock);
    const std::size_t offset = first - begin;
    for (std::size_t t = 0; t < steps; ++t) {
      update(row, first, last, x + offset, spk);
      if (counts && binary)
        for (std::size_t i = 0; i < last - first; ++i) counts[offset + i] += spk[i];
      else if (counts)
        for (std::size_t i = 0; i < last - first; ++i) counts[offset + i] += spk[i] != 0.0f ? 1.0f : 0.0f;
    }
  }
}

std::vector<float> NeuronLayer::perNeuron(const std::vector<float>& values, bool clamp) const {
  std::vector<float> out(neurons_);
  for (std::size_t i = 0; i < neurons_; ++i) {
    const float v = values.size() == 1 ? values[0] : values[i];
    out[i] = clamp ? clamp01(v) : v;
  }
  return out;
}

namespace {

// Heaviside step of snnTorch's spike function on U - threshold: 1 if U - threshold > 0. With gradual
// underflow (x86-64 and wasm32 both have it) the difference of two different floats is never rounded to
// zero, so the test is U > threshold — also for infinities and NaN, where both forms give the same answer.
// Comparing directly saves the subtraction in the hottest loops.
inline float heaviside(float u, float threshold) { return u > threshold ? 1.0f : 0.0f; }

// The reset Synaptic and Lapicque apply to the membrane `base` they just computed, rst being 1 when the
// previous membrane was over the threshold: minus the threshold, to zero (base - base*rst, which is exact
// for rst in {0, 1}), or none.
template <ResetMechanism kReset>
inline float resetFrom(float base, float rst, float thr) {
  if constexpr (kReset == ResetMechanism::Subtract) return base - rst * thr;
  if constexpr (kReset == ResetMechanism::Zero) return base - base * rst;
  return base;
}

using detail::F4;
using detail::I4;
using detail::loadF4;
using detail::storeF4;

// ---------------------------------------------------------------------------------------------- Leaky
class LeakyLayer final : public NeuronLayer {
 public:
  LeakyLayer(const NeuronDef& def, std::size_t n, std::size_t b)
      : NeuronLayer(def, n, b, {"mem"}),
        beta_(perNeuron(def.beta, true)),
        thr_(perNeuron(def.threshold, false)),
        g_(perNeuron(def.graded_spikes_factor, false)) {
    // The register path below applies to snnTorch's defaults (subtract reset, delayed, spikes of 1 after the
    // update) with one beta and one threshold for all neurons. It takes the subtracted threshold as the
    // comparison mask AND the threshold, which is rst*thr bit for bit only for a finite, positive threshold
    // (0*thr is then +0, never -0 or NaN).
    in_registers_ = def_.reset == ResetMechanism::Subtract && def_.reset_delay &&
                    def_.spike_timing == SpikeTiming::AfterUpdate && def_.graded_spikes_factor.size() == 1 &&
                    def_.graded_spikes_factor[0] == 1.0f &&
                    def_.beta.size() == 1 && def_.threshold.size() == 1 && thr_[0] > 0.0f && std::isfinite(thr_[0]);
    for (float t : thr_) {
      theta_ = std::max(theta_, static_cast<double>(std::fabs(t)));
      theta_neg_ = std::max(theta_neg_, -static_cast<double>(t));
    }
  }

  // beta is clamped to [0, 1], so a step takes |mem| to at most max(|mem|, 2|thr|) + 2|x| + 2 max(0, -thr)
  // (the subtracted threshold only brings a membrane above a positive threshold down; a reset on the
  // spike's own step can add it once more, and the zero reset without delay can double x), and every
  // operation rounds up by at most 2^-24 of its result.
  double magnitudeAfter(double now, double input, std::size_t steps) const override {
    const double n = static_cast<double>(steps);
    return (std::max(now, 2 * theta_) + n * (2 * input + 2 * theta_neg_)) * std::pow(1 + 0x1p-20, n);
  }

  void advance(const float* input, std::size_t steps, float* counts) override {
    if (!in_registers_) return NeuronLayer::advance(input, steps, counts);
    const std::size_t whole = neurons_ - neurons_ % kGroup;
    for (std::size_t row = 0; row < batch_; ++row) {
      const float* x = input + row * neurons_;
      float* c = counts ? counts + row * neurons_ : nullptr;
      for (std::size_t i = 0; i < whole; i += kGroup) advanceGroup(row * neurons_ + i, x + i, steps, c ? c + i : nullptr);
      if (whole < neurons_) advanceRange(row, whole, neurons_, x + whole, steps, c ? c + whole : nullptr);
    }
  }

  void update(std::size_t row, std::size_t begin, std::size_t end, const float* x, float* spk) override {
    const std::size_t first = row * neurons_ + begin;
    switch (def_.reset) {
      case ResetMechanism::Subtract: return run<ResetMechanism::Subtract>(first, begin, end - begin, x, spk);
      case ResetMechanism::Zero: return run<ResetMechanism::Zero>(first, begin, end - begin, x, spk);
      case ResetMechanism::None: return run<ResetMechanism::None>(first, begin, end - begin, x, spk);
    }
  }

 private:
  template <ResetMechanism kReset>
  void run(std::size_t first, std::size_t p, std::size_t n, const float* x, float* spk) {
    const float* g = g_.data() + p;
    const bool delay = def_.reset_delay;
    const bool before = def_.spike_timing == SpikeTiming::BeforeUpdate;
    const float* beta = beta_.data() + p;
    const float* thr = thr_.data() + p;
    float* mem = state_[0].data() + first;
    for (std::size_t i = 0; i < n; ++i) {
      const float u0 = mem[i];
      const float rst = heaviside(u0, thr[i]);
      float u;
      if constexpr (kReset == ResetMechanism::Subtract) {
        u = (beta[i] * u0 + x[i]) - rst * thr[i];
      } else if constexpr (kReset == ResetMechanism::Zero) {
        u = beta[i] * ((1.0f - rst) * u0) + x[i];
      } else {
        u = beta[i] * u0 + x[i];
      }
      const float s = heaviside(u, thr[i]) * g[i];
      if (!delay) {
        const float d = s / g[i] - rst;  // undoes the delayed reset when it fires again: no double reset
        if constexpr (kReset == ResetMechanism::Subtract) u = u - d * thr[i];
        if constexpr (kReset == ResetMechanism::Zero) u = u - d * u;
      }
      mem[i] = u;
      spk[i] = before ? rst * g[i] : s;
    }
  }

  // advance() on the register path: kGroup neurons (first = their index in the state) carried through
  // every step in vector registers — the membrane never goes back to memory between steps, and the spike
  // of step t is the reset of step t+1, so each neuron costs one compare per step. kVectors independent
  // vectors keep the pipeline busy (one neuron's steps form a chain of dependent operations); with beta
  // and the threshold in one register each, 5 measured fastest in V8 (4 was 7 % slower, 3 and 6 slower
  // still; g++'s code runs all of them alike). The operations are run<Subtract>'s, in its order; spikes are
  // counted as integers and added to counts once.
  static constexpr std::size_t kVectors = 5, kGroup = 4 * kVectors;
  void advanceGroup(std::size_t first, const float* x, std::size_t steps, float* counts) {
    const F4 b = {beta_[0], beta_[0], beta_[0], beta_[0]};
    const F4 th = {thr_[0], thr_[0], thr_[0], thr_[0]};
    const I4 th_bits = reinterpret_cast<I4>(th);
    F4 m[kVectors], in[kVectors];
    I4 fired[kVectors], n[kVectors];
    float* mem = state_[0].data() + first;
    for (std::size_t v = 0; v < kVectors; ++v) {
      m[v] = loadF4(mem + 4 * v);
      in[v] = loadF4(x + 4 * v);
      fired[v] = m[v] > th;
      n[v] = I4{};
    }
    // Two steps per pass in WASM: V8 then spends less on the loop itself (+6-10 % measured, interleaved A/B;
    // four steps per pass was slower than one).
#if defined(__wasm__)
#pragma clang loop unroll_count(2)
#endif
    for (std::size_t t = 0; t < steps; ++t)
      for (std::size_t v = 0; v < kVectors; ++v) {
        const F4 u = (b * m[v] + in[v]) - reinterpret_cast<F4>(fired[v] & th_bits);
        fired[v] = u > th;  // all ones where the neuron spikes: -1 as an integer
        n[v] -= fired[v];
        m[v] = u;
      }
    for (std::size_t v = 0; v < kVectors; ++v) {
      storeF4(mem + 4 * v, m[v]);
      if (counts) storeF4(counts + 4 * v, loadF4(counts + 4 * v) + __builtin_convertvector(n[v], F4));
    }
  }

  std::vector<float> beta_, thr_, g_;
  bool in_registers_ = false;
  double theta_ = 0, theta_neg_ = 0;  // the largest |threshold|, and the most negative one's magnitude
};

// ------------------------------------------------------------------------------------------- Synaptic
class SynapticLayer final : public NeuronLayer {
 public:
  SynapticLayer(const NeuronDef& def, std::size_t n, std::size_t b)
      : NeuronLayer(def, n, b, {"syn", "mem"}),
        alpha_(perNeuron(def.alpha, true)),
        beta_(perNeuron(def.beta, true)),
        thr_(perNeuron(def.threshold, false)) {}

  void update(std::size_t row, std::size_t begin, std::size_t end, const float* x, float* spk) override {
    const std::size_t first = row * neurons_ + begin;
    switch (def_.reset) {
      case ResetMechanism::Subtract:
        if (def_.reset_delay && def_.spike_timing == SpikeTiming::AfterUpdate)
          return runDefaults(first, begin, end - begin, x, spk);
        return run<ResetMechanism::Subtract>(first, begin, end - begin, x, spk);
      case ResetMechanism::Zero: return run<ResetMechanism::Zero>(first, begin, end - begin, x, spk);
      case ResetMechanism::None: return run<ResetMechanism::None>(first, begin, end - begin, x, spk);
    }
  }

 private:
  // snnTorch's defaults (subtract, delayed reset, spikes after the update) four neurons at a time: run's
  // operations in run's order, on vectors. The compiler leaves run's loop scalar (it writes three arrays and
  // reads four: more overlap checks than it makes at run time), and forcing it costs more code than this.
  void runDefaults(std::size_t first, std::size_t p, std::size_t n, const float* x, float* spk) {
    const I4 one = reinterpret_cast<I4>(F4{1.0f, 1.0f, 1.0f, 1.0f});
    const float* alpha = alpha_.data() + p;
    const float* beta = beta_.data() + p;
    const float* thr = thr_.data() + p;
    float* syn = state_[0].data() + first;
    float* mem = state_[1].data() + first;
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      const F4 u0 = loadF4(mem + i), th = loadF4(thr + i);
      const F4 rst = reinterpret_cast<F4>((u0 > th) & one);  // heaviside: 1.0f or 0.0f
      const F4 cur = loadF4(alpha + i) * loadF4(syn + i) + loadF4(x + i);
      const F4 u = (loadF4(beta + i) * u0 + cur) - rst * th;
      storeF4(syn + i, cur);
      storeF4(mem + i, u);
      storeF4(spk + i, reinterpret_cast<F4>((u > th) & one));
    }
    if (i < n) run<ResetMechanism::Subtract>(first + i, p + i, n - i, x + i, spk + i);
  }

  template <ResetMechanism kReset>
  void run(std::size_t first, std::size_t p, std::size_t n, const float* x, float* spk) {
    const bool delay = def_.reset_delay;
    const bool before = def_.spike_timing == SpikeTiming::BeforeUpdate;
    const float* alpha = alpha_.data() + p;
    const float* beta = beta_.data() + p;
    const float* thr = thr_.data() + p;
    float* syn = state_[0].data() + first;
    float* mem = state_[1].data() + first;
    for (std::size_t i = 0; i < n; ++i) {
      const float u0 = mem[i];
      const float rst = heaviside(u0, thr[i]);
      const float cur = alpha[i] * syn[i] + x[i];  // the synaptic current is never reset
      const float base = beta[i] * u0 + cur;
      float u = resetFrom<kReset>(base, rst, thr[i]);
      const float s = heaviside(u, thr[i]);
      if (!delay) {
        const float d = s - rst;
        if constexpr (kReset == ResetMechanism::Subtract) u = u - d * thr[i];
        if constexpr (kReset == ResetMechanism::Zero) u = u - d * u;
      }
      syn[i] = cur;
      mem[i] = u;
      spk[i] = before ? rst : s;
    }
  }

  std::vector<float> alpha_, beta_, thr_;
};

// -------------------------------------------------------------------------------------------- Lapicque
class LapicqueLayer final : public NeuronLayer {
 public:
  LapicqueLayer(const NeuronDef& def, std::size_t n, std::size_t b)
      : NeuronLayer(def, n, b, {"mem"}), k_(lapicqueConstants(def)), thr_(perNeuron(def.threshold, false)) {}

  void update(std::size_t row, std::size_t begin, std::size_t end, const float* x, float* spk) override {
    const std::size_t first = row * neurons_ + begin;
    switch (def_.reset) {
      case ResetMechanism::Subtract: return run<ResetMechanism::Subtract>(first, begin, end - begin, x, spk);
      case ResetMechanism::Zero: return run<ResetMechanism::Zero>(first, begin, end - begin, x, spk);
      case ResetMechanism::None: return run<ResetMechanism::None>(first, begin, end - begin, x, spk);
    }
  }

 private:
  template <ResetMechanism kReset>
  void run(std::size_t first, std::size_t p, std::size_t n, const float* x, float* spk) {
    const bool before = def_.spike_timing == SpikeTiming::BeforeUpdate;
    const float R = k_.R, inv_rc = k_.inv_RC, dt = k_.time_step, m = k_.one_minus_dt_over_RC;
    const float* thr = thr_.data() + p;
    float* mem = state_[0].data() + first;
    // Scalar in WASM: the tutorial's Lapicque figures are one neuron or a handful, and the vector copies of
    // this loop (one per reset mechanism) cost 1.9 KB of the 250 KB module, for populations nobody runs.
#if defined(__wasm__)
#pragma clang loop vectorize(disable)
#endif
    for (std::size_t i = 0; i < n; ++i) {
      const float u0 = mem[i];
      const float rst = heaviside(u0, thr[i]);
      const float base = ((x[i] * R) * inv_rc) * dt + m * u0;
      const float u = resetFrom<kReset>(base, rst, thr[i]);
      mem[i] = u;
      spk[i] = before ? rst : heaviside(u, thr[i]);
    }
  }

  LapicqueConstants k_;
  std::vector<float> thr_;
};

// ----------------------------------------------------------------------------------------------- Alpha
class AlphaLayer final : public NeuronLayer {
 public:
  AlphaLayer(const NeuronDef& def, std::size_t n, std::size_t b)
      : NeuronLayer(def, n, b, {"syn_exc", "syn_inh", "mem"}),
        alpha_(perNeuron(def.alpha, true)),
        beta_(perNeuron(def.beta, true)),
        thr_(perNeuron(def.threshold, false)),
        tau_(n) {
    for (std::size_t i = 0; i < n; ++i) tau_[i] = alphaTau(alpha_[i], beta_[i]);
  }

  void update(std::size_t row, std::size_t begin, std::size_t end, const float* x, float* spk) override {
    const std::size_t first = row * neurons_ + begin;
    switch (def_.reset) {
      case ResetMechanism::Subtract: return run<ResetMechanism::Subtract>(first, begin, end - begin, x, spk);
      case ResetMechanism::Zero: return run<ResetMechanism::Zero>(first, begin, end - begin, x, spk);
      case ResetMechanism::None: return run<ResetMechanism::None>(first, begin, end - begin, x, spk);
    }
  }

 private:
  template <ResetMechanism kReset>
  void run(std::size_t first, std::size_t p, std::size_t n, const float* x, float* spk) {
    const bool before = def_.spike_timing == SpikeTiming::BeforeUpdate;
    const float* alpha = alpha_.data() + p;
    const float* beta = beta_.data() + p;
    const float* thr = thr_.data() + p;
    const float* tau = tau_.data() + p;
    float* exc = state_[0].data() + first;
    float* inh = state_[1].data() + first;
    float* mem = state_[2].data() + first;
    for (std::size_t i = 0; i < n; ++i) {
      const float rst = heaviside(mem[i], thr[i]);
      const float q0 = inh[i];
      float e = alpha[i] * exc[i] + x[i];
      float q = beta[i] * q0 - x[i];
      float u = tau[i] * (e + q);  // does not depend on the previous membrane
      if constexpr (kReset == ResetMechanism::Subtract) {
        e = e - thr[i] * rst;
        q = q - q * rst;
        u = u - (-q0) * rst;  // adds back the previous inhibitory current, as snnTorch does
      } else if constexpr (kReset == ResetMechanism::Zero) {
        e = e - e * rst;
        q = q - q * rst;
        u = u - u * rst;
      }
      exc[i] = e;
      inh[i] = q;
      mem[i] = u;
      spk[i] = before ? rst : heaviside(u, thr[i]);
    }
  }

  std::vector<float> alpha_, beta_, thr_, tau_;
};

// -------------------------------------------------------------------------------------------- EulerLIF
// The notebooks' hand-written neuron: U <- U + (dt/tau)(-U + I*R) [- S*threshold], with dt/tau computed
// in double and applied to float32 tensors, and the spike taken from the membrane before the update.
class EulerLifLayer final : public NeuronLayer {
 public:
  EulerLifLayer(const NeuronDef& def, std::size_t n, std::size_t b)
      : NeuronLayer(def, n, b, {"mem"}),
        dt_over_tau_(static_cast<float>(def.time_step / (def.R * def.C))),
        R_(static_cast<float>(def.R)),
        thr_(perNeuron(def.threshold, false)) {}

  void update(std::size_t row, std::size_t begin, std::size_t end, const float* x, float* spk) override {
    const std::size_t n = end - begin;
    const bool after = def_.spike_timing == SpikeTiming::AfterUpdate;
    const ResetMechanism reset = def_.reset;
    const float* thr = thr_.data() + begin;
    float* mem = state_[0].data() + row * neurons_ + begin;
    for (std::size_t i = 0; i < n; ++i) {
      const float u0 = mem[i];
      const float rst = u0 > thr[i] ? 1.0f : 0.0f;
      float u = u0 + dt_over_tau_ * (-u0 + x[i] * R_);
      if (reset == ResetMechanism::Subtract) u = u - rst * thr[i];
      if (reset == ResetMechanism::Zero) u = u - rst * u;
      mem[i] = u;
      spk[i] = after ? (u > thr[i] ? 1.0f : 0.0f) : rst;
    }
  }

 private:
  float dt_over_tau_, R_;
  std::vector<float> thr_;
};

// --------------------------------------------------------------------------------------- SRM0 v0.2.11
// snnTorch v0.2.11's SRM0: coefficients are Python doubles applied to float32 tensors; the spike comes
// from the membrane passed in. Its subtract reset keeps a residual (U - threshold) that decays by 1/tau
// and is not one of the returned states.
class Srm0V02Layer final : public NeuronLayer {
 public:
  Srm0V02Layer(const NeuronDef& def, std::size_t n, std::size_t b)
      : NeuronLayer(def, n, b, {"syn_pre", "syn_post", "mem"}),
        alpha_(perNeuron(def.alpha, false)),
        beta_(perNeuron(def.beta, false)),
        thr_(perNeuron(def.threshold, false)),
        tau_(n),
        residual_(n * b, 0.0f) {
    for (std::size_t i = 0; i < n; ++i) {
      const double a = alpha_[i], be = beta_[i];
      tau_[i] = static_cast<float>(std::log(a) / (std::log(be) - std::log(a)) + 1.0);
    }
  }

  void update(std::size_t row, std::size_t begin, std::size_t end, const float* x, float* spk) override {
    const std::size_t n = end - begin;
    const std::size_t first = row * neurons_ + begin;
    const bool subtract = def_.reset == ResetMechanism::Subtract;
    const float* alpha = alpha_.data() + begin;
    const float* beta = beta_.data() + begin;
    const float* thr = thr_.data() + begin;
    const float* tau = tau_.data() + begin;
    float* pre = state_[0].data() + first;
    float* post = state_[1].data() + first;
    float* mem = state_[2].data() + first;
    float* res = residual_.data() + first;
    for (std::size_t i = 0; i < n; ++i) {
      const float u0 = mem[i];
      const float rst = heaviside(u0, thr[i]);
      float p = alpha[i] * pre[i] + x[i];
      p = p - rst * p;
      float q = beta[i] * post[i] - x[i];
      q = q - rst * q;
      float u = tau[i] * (p + q);
      if (subtract) {
        res[i] = rst * (u0 - thr[i]) + res[i] / tau[i];
        u = u + res[i];
      }
      pre[i] = p;
      post[i] = q;
      mem[i] = u;
      spk[i] = rst;
    }
  }

  void reset() override {
    NeuronLayer::reset();
    std::fill(residual_.begin(), residual_.end(), 0.0f);
  }

 private:
  std::vector<float> alpha_, beta_, thr_, tau_, residual_;
};

}  // namespace

std::unique_ptr<NeuronLayer> makeNeuronLayer(const NeuronDef& def, std::size_t neurons, std::size_t batch) {
  switch (def.model) {
    case ModelKind::Lapicque: return std::make_unique<LapicqueLayer>(def, neurons, batch);
    case ModelKind::Leaky: return std::make_unique<LeakyLayer>(def, neurons, batch);
    case ModelKind::Synaptic: return std::make_unique<SynapticLayer>(def, neurons, batch);
    case ModelKind::Alpha: return std::make_unique<AlphaLayer>(def, neurons, batch);
    case ModelKind::EulerLIF: return std::make_unique<EulerLifLayer>(def, neurons, batch);
    case ModelKind::Srm0V02: return std::make_unique<Srm0V02Layer>(def, neurons, batch);
  }
  return nullptr;
}

}  // namespace snn
