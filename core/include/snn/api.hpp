// The JS API's arguments, read by the core with a Scenario's rules and messages. wasm/index.js hands each
// one over as JSON text of what the caller passed (its toJson: NaN and infinities as "NaN" / "Infinity",
// a BigInt as "3n", undefined and functions as null), so that a numeric string, a boolean, NaN or an
// object where a size, an index or a seed belongs gets the same error a Scenario would:
// "num_neurons must be a whole number 1..4000000, got the string \"3\"".
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "snn/network.hpp"
#include "snn/neurons.hpp"
#include "snn/scenario.hpp"

namespace snn::api {

// A whole number in [lo, hi]; null (not given) is `absent`, or an error when absent is kRequired.
inline constexpr std::size_t kRequired = static_cast<std::size_t>(-1);
std::size_t readCount(std::string_view json, const std::string& field, std::size_t lo, std::size_t hi, std::size_t absent);
// An index into `count` things named `things` ("layers"): "layer must be a whole number 0..1 (the network has 2
// layers), got 2".
std::size_t readIndex(std::string_view json, const std::string& field, std::size_t count, const std::string& things);
// A seed, 0..2^53-1; null is 0.
std::uint64_t readSeed(std::string_view json, const std::string& field);
// true or false; null is `absent`.
bool readBool(std::string_view json, const std::string& field, bool absent);
// Throws the error for an argument that should have been an object (or values: a number or an array of
// numbers) and is not. Returns when it is one after all.
void checkObject(std::string_view json, const std::string& field);
void checkValues(std::string_view json, const std::string& field);

// A population's options: its constructor keywords (snake_case, as a Scenario's constructor) and
// num_neurons, batch_size (1 each when absent) and init ({state: values}, values 1, one per neuron, or
// one per neuron and batch row).
struct PopulationOptions {
  NeuronDef def;
  std::size_t neurons = 1;
  std::size_t batch = 1;
  std::vector<std::pair<std::string, std::vector<float>>> init;
};
PopulationOptions readPopulationOptions(std::string_view model, std::string_view json);
// Sets a population's initial states from an object of {state: values} and resets it to them.
void setInitialStates(NeuronLayer& layer, const std::string& model, std::string_view json);

// The population the options describe, at its initial state.
std::unique_ptr<NeuronLayer> makePopulation(std::string_view model, std::string_view json);

// A network's options: layers (as a Scenario's), batch_size (1), seed (0).
struct NetworkOptions {
  NetworkDef def;
  std::size_t batch = 1;
};
NetworkOptions readNetworkOptions(std::string_view json);
Network makeNetwork(std::string_view json);

// A Linear's options: in_features, out_features, bias (true), seed (0).
struct LinearOptions {
  std::size_t in = 0, out = 0;
  bool bias = true;
  std::uint64_t seed = 0;
};
LinearOptions readLinearOptions(std::string_view json);
// The Linear the options describe, with PyTorch's default weights drawn from the seed (stream 1000).
Linear makeLinear(std::string_view json);

// The steps of a run of rows of `row` values out of `values` values (JSON `steps`: a count, or null for as
// many as the values hold), checked against the trace limit (kept_per_step values recorded a step) and the
// memory budget.
std::size_t runSteps(double values, std::string_view steps_json, double row, double kept_per_step);
// advance()'s steps (JSON), within the work limit for a population of `size` neurons.
std::size_t advanceSteps(std::string_view steps_json, std::size_t size);

// A run's options ({record: [...]}, each optional): the names to record, none for all.
std::vector<std::string> readRunOptions(std::string_view json);
// advance()'s options ({count_spikes: true}).
bool readAdvanceCountSpikes(std::string_view json);

// Linear.forward's output ([batch][out]): finite, or refused naming the value that overflowed.
void checkForwardOutput(const std::vector<float>& y, std::size_t out);

// An encoder's request: {"input": generator, "num_steps": T, "num_neurons": W, "seed": s}; T and W may be
// null when the generator holds explicit rows (delta's `of`), which then give them. Returns [T][W] values.
struct Generated {
  std::vector<float> values;
  std::size_t steps = 0, width = 0;
};
Generated generate(std::string_view json);

}  // namespace snn::api
