// Size rules and limits: the explicit limits of core/include/snn/limits.hpp applied to scenarios and to
// objects built piece by piece (the JS API), each with a message that names the field, the limit and the
// value given.
#include <cmath>

#include "parse.hpp"
#include "snn/error.hpp"
#include "snn/limits.hpp"

namespace snn {

using detail::fail;
using detail::index;
using Kind = ScenarioError::Kind;

namespace {
MemoryMeter g_meter;

std::string mib(double bytes) {
  const double m = bytes / (1024.0 * 1024.0);
  return formatNumber(m >= 10 ? std::round(m) : std::round(m * 10) / 10) + " MiB";
}
}  // namespace

void setMemoryMeter(const MemoryMeter& meter) { g_meter = meter; }

void checkMemory(double bytes, const std::string& field, const std::string& what) {
  if (!(bytes >= (1 << 20))) return;
  const double in_use = g_meter.in_use ? static_cast<double>(g_meter.in_use()) : 0.0;
  if (in_use + bytes <= limits::kMemoryBudget) return;
  const std::string budget = std::string(g_meter.owner) + " budget of " + mib(limits::kMemoryBudget);
  throw MemoryLimitError(
      Kind::Limit, field,
      what + " needs " + mib(bytes) + " of memory, " +
          (bytes > limits::kMemoryBudget ? "over " + budget
                                         : "and " + mib(in_use) + " of " + budget + " are in use (dispose of objects no longer needed)") +
          "; use fewer steps, neurons or recorded arrays");
}

float checkInputValues(const float* values, std::size_t n, const std::string& field) {
  const float most = maxMagnitude(values, n);
  if (std::isfinite(most)) return most;
  const std::size_t bad = firstNonFinite(values, n);
  fail(Kind::Range, index(field, bad), index(field, bad) + " must be a finite number, got " + formatNumber(values[bad]));
}

void checkPopulationSize(double neurons, double batch) {
  if (!(neurons >= 1 && neurons <= static_cast<double>(limits::kMaxNeurons) && neurons == std::floor(neurons)))
    fail(Kind::Range, "num_neurons", "num_neurons must be 1.." + std::to_string(limits::kMaxNeurons) + ", got " + formatNumber(neurons));
  if (!(batch >= 1 && batch <= static_cast<double>(limits::kMaxBatch) && batch == std::floor(batch)))
    fail(Kind::Range, "batch_size", "batch_size must be 1.." + std::to_string(limits::kMaxBatch) + ", got " + formatNumber(batch));
  if (neurons * batch > static_cast<double>(limits::kMaxNeurons))
    fail(Kind::Limit, "num_neurons",
         "num_neurons x batch_size = " + formatNumber(neurons) + " x " + formatNumber(batch) + " exceeds the limit of " +
             std::to_string(limits::kMaxNeurons) + " neurons");
}

void checkRunSize(double steps, double values_per_step) {
  if (!(steps >= 1 && steps <= static_cast<double>(limits::kMaxSteps) && steps == std::floor(steps)))
    fail(Kind::Range, "num_steps", "num_steps must be 1.." + std::to_string(limits::kMaxSteps) + ", got " + formatNumber(steps));
  if (steps * values_per_step > static_cast<double>(limits::kMaxTraceValues))
    fail(Kind::Limit, "num_steps",
         "a run of " + formatNumber(steps) + " steps would keep " + formatNumber(steps * values_per_step) +
             " values, over the limit of " + std::to_string(limits::kMaxTraceValues) + " (128 MiB)");
}

void checkAdvanceSize(double steps, double population_size) {
  if (!(steps >= 1 && steps <= static_cast<double>(limits::kMaxSteps) && steps == std::floor(steps)))
    fail(Kind::Range, "steps", "steps must be 1.." + std::to_string(limits::kMaxSteps) + ", got " + formatNumber(steps));
  if (steps * population_size > limits::kMaxWork)
    fail(Kind::Limit, "steps",
         "advancing " + formatNumber(population_size) + " neurons by " + formatNumber(steps) + " steps is " +
             formatNumber(steps * population_size) + " neuron updates, over the limit of " +
             formatNumber(limits::kMaxWork) + "; use fewer steps or neurons");
}

void checkLinearSize(double in, double out) {
  for (auto [v, name] : {std::pair<double, const char*>{in, "in_features"}, {out, "out_features"}})
    if (!(v >= 1 && v <= static_cast<double>(limits::kMaxNeurons) && v == std::floor(v)))
      fail(Kind::Range, name, std::string(name) + " must be 1.." + std::to_string(limits::kMaxNeurons) + ", got " + formatNumber(v));
  if (in * out > static_cast<double>(limits::kMaxWeights))
    fail(Kind::Limit, "in_features", "in_features x out_features = " + formatNumber(in) + " x " + formatNumber(out) +
                                         " weights, over the limit of " + std::to_string(limits::kMaxWeights));
}

namespace detail {

void checkNetworkWork(double work_per_step, std::size_t num_steps) {
  if (static_cast<double>(num_steps) * work_per_step > limits::kMaxWork)
    fail(Kind::Limit, "num_steps",
         "scenario too large: " + formatNumber(static_cast<double>(num_steps) * work_per_step) +
             " neuron and synapse updates, over the limit of " + formatNumber(limits::kMaxWork) +
             "; use fewer steps, neurons or batch rows");
}

double updatesPerStep(const Scenario& s) {
  if (!s.isNetwork()) return static_cast<double>(s.num_neurons);
  double updates = 0;
  for (const Linear& l : s.linears)
    updates += static_cast<double>(s.batch) * (static_cast<double>(l.out()) + static_cast<double>(l.in()) * l.out());
  return updates;
}

void checkScenarioLimits(const Scenario& s, std::size_t recorded_row_values, double neuron_updates_per_step) {
  const double T = static_cast<double>(s.num_steps);
  const double input_values = static_cast<double>(s.input_size * s.batch) * (s.input_is_constant ? 1.0 : T);
  const double trace_values = T * static_cast<double>(recorded_row_values) + input_values;
  if (trace_values > static_cast<double>(limits::kMaxTraceValues))
    fail(Kind::Limit, "num_steps",
         "scenario too large: it would keep " + formatNumber(trace_values) + " values (" + std::to_string(s.num_steps) +
             " steps x " + std::to_string(recorded_row_values) + " recorded values per step, plus the input), over the limit of " +
             std::to_string(limits::kMaxTraceValues) + " (128 MiB); record fewer arrays (\"record\") or run fewer steps");
  const double work = T * neuron_updates_per_step;
  if (work > limits::kMaxWork)
    fail(Kind::Limit, "num_steps",
         "scenario too large: " + formatNumber(work) + " neuron and synapse updates, over the limit of " +
             formatNumber(limits::kMaxWork) + "; use fewer steps, neurons or batch rows");
}


}  // namespace detail

}  // namespace snn

namespace snn {

void checkValueCount(double given, double expected, const std::string& field) {
  if (given != expected)
    fail(Kind::Type, field, field + " has " + formatNumber(given) + " values, expected " + formatNumber(expected));
}

std::size_t stepsOfRows(double values, double steps, double row, const std::string& field) {
  if (steps == 0) {
    if (!(values >= row && std::fmod(values, row) == 0))
      fail(Kind::Type, field, field + " has " + formatNumber(values) + " values, not a whole number of steps of " + formatNumber(row));
    steps = values / row;
  }
  checkRunSize(steps, 0);
  checkValueCount(values, steps * row, field);
  return static_cast<std::size_t>(steps);
}

void setInitialState(NeuronLayer& layer, const std::string& model, const std::string& name, const float* values,
                     double count) {
  const int index = layer.stateIndex(name);
  const std::string path = "init." + name;
  if (index < 0) {
    std::string names;
    for (const auto& n : layer.stateNames()) names += (names.empty() ? "" : ", ") + n;
    fail(Kind::Invalid, path, "init has no state '" + name + "' for " + model + " (its states: " + names + ")");
  }
  const double n = static_cast<double>(layer.neurons()), all = static_cast<double>(layer.size());
  if (count != 1 && count != n && count != all)
    fail(Kind::Type, path,
         path + " has " + formatNumber(count) + " values, expected 1" + (all != n ? ", " : " or ") + formatNumber(n) +
             (all != n ? " or " + formatNumber(all) : std::string()));
  const auto given = static_cast<std::size_t>(count);
  checkInputValues(values, given, path);
  layer.setInitialState(static_cast<std::size_t>(index),
                        given == 1 ? std::vector<float>(layer.neurons(), values[0]) : std::vector<float>(values, values + given));
  layer.reset();
}

}  // namespace snn
