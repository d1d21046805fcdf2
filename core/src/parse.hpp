// Internal: the pieces of Scenario parsing that the files of the parser share (scenario.cpp: the top
// level; neuron_def.cpp: constructor keywords; layers.cpp: a network's layers; session.cpp: the cache).
#pragma once

#include <cstdint>
#include <string>

#include "json_read.hpp"
#include "snn/catalogue.hpp"
#include "snn/scenario.hpp"
#include "snn/sweep.hpp"

namespace snn {
class ScenarioCache;
}

namespace snn::detail {

// How a parse runs: with a cache (a Session's), and/or writing the resolved Scenario.
struct ParseOptions {
  ScenarioCache* cache = nullptr;
  json* resolved = nullptr;
  // One value's run of a sweep (sweep.hpp): it records nothing, so `record` is refused (and not resolved)
  // and no trace size is counted.
  bool sweep_run = false;
  // Only checking (validate, resolve): the input's generators make no values (generators.hpp), seeded
  // weights are not drawn, and nothing goes into the cache. The scenario returned is then not for running.
  bool check_only = false;
};

// What a parse took from (or put into) the cache: the same non-zero serial, the same values.
struct Provenance {
  std::uint64_t input_serial = 0;
  // Non-zero when every parameter of the first Linear was drawn from the seed.
  std::uint64_t first_layer_serial = 0;
};

Scenario parseScenario(std::string_view text, const ParseOptions& options, Provenance* provenance);
Scenario parseScenario(const json& scenario, const ParseOptions& options, Provenance* provenance);

// Neuron (and synapse) updates of one step of a parsed scenario: what the work limit counts.
double updatesPerStep(const Scenario& s);

// Sweeps (sweep.hpp, sweep.cpp), with a cache (a Session's; null: one of their own for the call).
bool hasSweep(const json& scenario);
SweepResult runSweep(json scenario, ScenarioCache* cache);
// Checks every value's scenario and runs none. With `resolved`: the scenario as the first value runs it,
// every default written out, and its sweep.
SweepResult checkSweep(json scenario, ScenarioCache* cache, json* resolved);

// The model a name means, or the error that lists the accepted names.
const ModelInfo& parseModelName(const std::string& name, const std::string& path);

// A population's NeuronDef from its constructor keywords (an object; in a network, the layer entry, whose
// "type" is skipped). `resolved`: where the keywords used are written, or null.
NeuronDef neuronDefFromKwargs(const ModelInfo& model, const std::string& model_name, const json& kw,
                              const std::string& path, std::size_t neurons, json* resolved, bool in_layers = false);

// Why a population of this def could leave float32's range, as the end of a message (and the field to
// blame, when it is a parameter rather than the input): an unstable Euler step, a Lapicque beta > 1, or
// values too large for the number of steps. `path`: where the def's keywords are ("constructor",
// "layers[3]").
std::string overflowCause(const NeuronDef& def, const std::string& path, std::string& field);

// A network's layers for `batch` rows and `num_steps` steps (sizes and limits first), weights given or drawn.
NetworkDef readLayers(const json& layers, std::size_t batch, std::uint64_t seed, std::size_t num_steps,
                      const ParseOptions& options, std::uint64_t* first_layer_serial);

// A `record` list: a non-empty array of array names.
std::vector<std::string> readRecordNames(const json& r);

// A text that equals another's exactly when the two JSON values are the same (numbers by their bits): a
// cache key.
void appendKey(const json& j, std::string& out);

// Work and trace-size limits of a parsed scenario.
void checkScenarioLimits(const Scenario& s, std::size_t recorded_row_values, double neuron_updates_per_step);
void checkNetworkWork(double work_per_step, std::size_t num_steps);

}  // namespace snn::detail
