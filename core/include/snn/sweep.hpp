// Sweeps: one Scenario run once per value of one of its number fields, reporting how each neuron fired.
//
//   {"model": "Leaky", "constructor": {"beta": 0.9}, "num_steps": 200,
//    "input": {"constant": {"value": 0}},
//    "sweep": {"path": "input.constant.value", "values": [0, 0.05, 0.1, ...]}}
//
// `path` is a dotted path into the Scenario (names, and indices into lists) that names a number field:
// one the parser reads as a number, so the catalogue decides, through the parser, what can be swept. A
// model keyword (constructor.beta, constructor.threshold; one neuron of a list: constructor.beta.2), an
// initial state (init.mem), a generator's field (input.step.amplitude, input.sum.1.sine.period,
// input.pulses.0.start, input.noise.seed, input.constant.value.uniform.1), a network layer's keyword,
// weight or bias (layers.1.beta, layers.0.weight.2.0, layers.0.bias.1, layers.0.seed), an element of
// explicit rows (input.5.0). Every step but the last must exist in the scenario (constructor and init
// may be left out). Sizes (num_steps, num_neurons, batch_size, a layer's in and out) and the scenario's
// seed (which resolve writes into every generator) are not swept. Each value's scenario is the Scenario
// with that value at `path`, checked by the normal rules; an error names the value
// ("sweep.values[3] (1.5): ...") and keeps its own field, but an error at the path itself on the first
// value says that the path names no number field.
//
// The result counts, for each value and each neuron, the steps whose spike was non-zero, and the first
// of them (-1: none). A population counts its `spk`; a network its last layer's (`spk<depth>`, every batch
// row). Nothing is recorded: `record` does not apply to a sweep. What the values do not change is made
// once: a generated input or drawn weights come from a cache (the Session's, or one of the sweep's own),
// and a network whose first Linear and input stay the same computes that layer's currents once.
//
// Limits: 1..limits::kMaxSweepValues values; values × the neuron (and synapse) updates of one run within
// limits::kMaxWork; values × counted neurons within limits::kMaxTraceValues / 2 (two numbers each).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace snn {

struct SweepResult {
  std::string path;             // as given
  std::vector<double> values;   // as given, in order
  std::string array;            // the spikes counted: "spk", or "spk<k>" for a network of k layers
  std::size_t num_steps = 0;
  // [values][neurons] for a population, [values][batch][n] for a network: the Trace's layout with the
  // values in place of the steps.
  std::vector<std::size_t> shape;
  std::vector<std::int32_t> spike_count;  // steps with a non-zero spike, row-major by shape
  std::vector<std::int32_t> first_spike;  // the first such step, or -1
  // Counted neurons per value (batch rows × neurons for a network).
  std::size_t rowSize() const;
};

// Whether JSON text is an object with a "sweep" field (nothing else is checked; invalid JSON: false).
bool isSweepScenario(std::string_view json_text);

// Checks and runs a sweep scenario with a cache of its own. Throws ScenarioError (a scenario without
// "sweep" is refused: it has a trace, see runScenario).
SweepResult runSweep(std::string_view json_text);
// Checks a sweep scenario as runSweep does (every value's scenario) and runs nothing: the result's path,
// values, array, num_steps and shape, without counts.
SweepResult checkSweep(std::string_view json_text);

// {"path": ..., "array": "spk", "num_steps": 200, "values": [...], "spike_count": [[...], ...],
//  "first_spike": [[...], ...]}, nested by shape.
std::string sweepToJson(const SweepResult& result);
// One line per value: value,count_<i>...,first_<i>... (networks: count_b<batch>_<i> when batch > 1).
std::string sweepToCsv(const SweepResult& result);

}  // namespace snn
