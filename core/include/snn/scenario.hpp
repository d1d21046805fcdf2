// The Scenario: the one object that flows through the product (CLI, WASM, page, URL, exports).
//
// A Scenario is JSON. A population of neurons:
//   {"model": "Leaky", "constructor": {"beta": 0.8}, "num_steps": 200,
//    "init": {"mem": 0.0}, "input": {"step": {"amplitude": 0.21, "start": 10}}}
// A feed-forward network (layers as in golden/network.json):
//   {"layers": [{"type": "Linear", "in": 784, "out": 1000}, {"type": "Leaky", "beta": 0.99}, ...],
//    "num_steps": 200, "batch_size": 1, "seed": 7, "input": {"rate": {"values": {"uniform": [0, 0.1]}}}}
// `input` is explicit ([T][N], [T] for one neuron, [T][batch][in] for networks) or a generator; see
// docs in README.md ("Scenario reference"). Every entry of the golden files is a valid Scenario.
//
// parseScenario() is the one place where a Scenario is checked: every error is a ScenarioError whose
// message names the field, the allowed range and the value given. A parsed Scenario can always be run.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "snn/linear.hpp"
#include "snn/neurons.hpp"
#include "snn/trace.hpp"

namespace snn {

struct Scenario {
  std::string name;
  std::size_t num_steps = 0;
  std::uint64_t seed = 0;

  // A population (when `linears` is empty): num_neurons neurons of one model.
  NeuronDef neuron;
  std::size_t num_neurons = 0;
  std::vector<std::pair<std::string, std::vector<float>>> init;  // state name -> N values

  // A network: linears[k] feeds populations[k]. Weights are materialised (given or seeded init).
  std::vector<Linear> linears;
  std::vector<NeuronDef> populations;
  std::size_t batch = 1;

  // The input, materialised: [num_steps][batch][input_size], or a single row used at every step when
  // input_is_constant.
  std::size_t input_size = 0;
  std::vector<float> input;
  bool input_is_constant = false;
  // The input was given as a flat [T] list (one neuron, as the v0.2 notebooks wrote it): the Trace keeps
  // that shape, [T] instead of [T][1].
  bool flat_rows = false;

  // Names of the arrays to keep in the Trace; empty keeps all.
  std::vector<std::string> record;

  bool isNetwork() const { return !linears.empty(); }
  const float* inputRow(std::size_t step) const {
    return input.data() + (input_is_constant ? 0 : step * batch * input_size);
  }
};

// Parses and validates a Scenario from JSON text. Throws ScenarioError. (A Session parses with a cache of
// what earlier scenarios drew and generated: session.hpp.) A Scenario with a "sweep" is refused here: it
// runs once per value and gives spike counts, not a trace (sweep.hpp).
Scenario parseScenario(std::string_view json_text);

// The Scenario with every default written out, as JSON text: the model's canonical name, every keyword
// that changes forward values (inert ones only when given), num_steps and num_neurons (or batch_size),
// seed, spike_timing, init for every state, record, and each generator's fields with their seeds and
// random streams. It runs to the same trace as json_text; Lapicque's R or C derived from beta stay
// derived, and drawn weights stay drawn (their seed and stream are written). A sweep scenario resolves as
// its first value runs it (every value's scenario checked), with its sweep and without record. Throws
// ScenarioError.
std::string resolveScenario(std::string_view json_text);

// The trace arrays a run of this scenario produces, in order (before `record` filtering): name, batch rows,
// neurons per row (a step keeps rows x neurons values of it), and whether it holds spikes.
struct TraceArrayInfo {
  std::string name;
  std::size_t rows;
  std::size_t neurons;
  bool spike = false;
};
std::vector<TraceArrayInfo> traceArrays(const Scenario& scenario);

// Runs a parsed Scenario. Throws only for values that overflow float32 during the run (see runPopulation)
// and std::bad_alloc. Takes the scenario
// by value: a network's layers move into the running network instead of being copied (megabytes of weights).
Trace runScenario(Scenario scenario);

// parse + run.
Trace runScenarioJson(std::string_view json_text);

// Steps a population `steps` times from its current state and records spk and every state (or only the
// arrays named in `record`). Row t of the input is inputs + t*input_stride (stride 0: the same row each
// step). Shapes: [T][N], [T][batch][N] when batched, [T] when flat_rows and N == 1. The input is not
// recorded. A name in `record` that the run does not produce, or one named twice, throws ScenarioError
// before any step. Used by runScenario and by the WASM API's run().
class Network;
Trace runPopulation(NeuronLayer& layer, const float* inputs, std::size_t input_stride, std::size_t steps,
                    const std::vector<std::string>& record = {}, bool flat_rows = false);
// The same for a network: cur<k>, spk<k> and the states of layer k, each [T][batch][n_k].
Trace runNetwork(Network& net, const float* inputs, std::size_t input_stride, std::size_t steps,
                 const std::vector<std::string>& record = {});

// runPopulation and runNetwork refuse (ScenarioError, Kind::Range) a run whose values leave float32's range —
// an input or initial state too large for the number of steps, or a membrane that grows without bound (an
// unstable Euler step, a Lapicque beta > 1) — naming the array, the step, the neuron and the cause, and
// leave the population or network at its initial state. The same check for objects stepped from outside
// (the JS API's step() and advance()), on their states after `step` (the last step done):
void checkPopulationFinite(NeuronLayer& layer, std::size_t step);
void checkNetworkFinite(Network& net, std::size_t step);
// checkPopulationFinite after every call, at the cost of a scan of the states only when the model's bound
// on their growth (NeuronLayer::magnitudeAfter, from the inputs' magnitude) no longer proves them finite;
// a Leaky population stepped with inputs of ordinary size is then never scanned.
class FiniteGuard {
 public:
  // The states were set (a reset, new initial states): their magnitude is not known until the next scan.
  void forget() { bound_ = INFINITY; }
  // After `steps` steps with inputs of magnitude at most `input`, the last of them `last_step`.
  void after(NeuronLayer& layer, double input, std::size_t steps, std::size_t last_step);

 private:
  double bound_ = INFINITY;
};

// Builds and checks a NeuronDef from a model name ("Leaky", "Stein", "SRM0(v0.2.11)", ...) and snnTorch
// keyword arguments as a JSON object text, for `neurons` neurons. Same rules and messages as a Scenario's
// `constructor`. Throws ScenarioError.
NeuronDef parseNeuronDef(std::string_view model, std::string_view kwargs_json, std::size_t neurons);

// Rejects NaN and infinity in values handed to a population or network step by step (the JS API's
// step/run), with the Scenario's message style: "<field>[i] must be a finite number, got NaN".
// Returns the largest magnitude among them (for FiniteGuard).
float checkInputValues(const float* values, std::size_t n, const std::string& field);

// The memory budget (limits::kMemoryBudget) counts what is in use around the core. Inside a WebAssembly
// module the bindings say how to measure its heap and whose budget it is ("the page's"); natively nothing
// else is counted ("the program's").
struct MemoryMeter {
  std::size_t (*in_use)() = nullptr;
  const char* owner = "the program's";
};
void setMemoryMeter(const MemoryMeter& meter);
// Refuses (MemoryLimitError, Kind::Limit, on `field`) a call that needs `bytes` more than what is in use
// when together they exceed the budget: "<what> needs 600 MiB, over the page's budget of 512 MiB".
// Needs under 1 MiB pass unmeasured (they fit in the room the budget leaves below the module's memory).
void checkMemory(double bytes, const std::string& field, const std::string& what);

// Size rules for objects built piece by piece (the JS API), with the Scenario's limits and messages:
// a population of neurons x batch, and a run of `steps` steps keeping values_per_step values each.
void checkPopulationSize(double neurons, double batch);
void checkRunSize(double steps, double values_per_step);
// What a run keeps of one array: neurons [first, first + count) of every batch row; count 0: nothing.
struct RecordedRange {
  std::size_t first = 0;
  std::size_t count = 0;
};
// The Scenario's `record` rule. Each entry names one of the arrays a run produces (given with their
// neurons per batch row), at most once, optionally with a range of neurons as a Python slice:
// "mem1[0:9]" keeps neurons 0..8 ("mem1[:9]" and "mem1[990:]" work too). Returns what is kept of each
// produced array, in produced's order; an empty record keeps everything. Throws ScenarioError.
std::vector<RecordedRange> checkRecord(const std::vector<std::string>& record,
                                       const std::vector<TraceArrayInfo>& produced);
// A `record` list given as JSON text (the JS API's run option): the names, or none for empty text.
std::vector<std::string> parseRecordNames(std::string_view json_text);
// A population advanced `steps` steps without recording (NeuronLayer::advance): 1..max steps, and
// steps x size() neuron updates within the work limit.
void checkAdvanceSize(double steps, double population_size);
// A Linear layer's sizes: in, out >= 1 and in x out within the weight limit.
void checkLinearSize(double in, double out);
// `given` values handed in where `expected` belong: "input has 2 values, expected 4".
void checkValueCount(double given, double expected, const std::string& field);
// The steps in `values` values of rows of `row` values, for a run of `steps` steps (0: as many as there are).
std::size_t stepsOfRows(double values, double steps, double row, const std::string& field);
// Sets a population's initial state by name (1 value for all, one per neuron, or one per neuron and batch row)
// and resets it to that state; `model` names it in messages.
// `count` values at `values` (which are read only once the count is known to be right).
void setInitialState(NeuronLayer& layer, const std::string& model, const std::string& name, const float* values,
                     double count);

// Materialises an input generator or explicit rows (JSON text, as a Scenario's `input`) for `steps` rows
// of batch x width values: [steps][batch][width]. Same rules and messages as a Scenario's input.
std::vector<float> generateInput(std::string_view input_json, std::size_t steps, std::size_t width,
                                 std::size_t batch = 1, std::uint64_t seed = 0);

// The layers of a network, as in a Scenario's `layers` (JSON array text), for `batch` rows; weights not
// given are drawn from `seed`. Same rules and messages as a Scenario. Throws ScenarioError.
struct NetworkDef {
  std::vector<Linear> linears;
  std::vector<NeuronDef> populations;
};
NetworkDef parseNetworkDef(std::string_view layers_json, std::size_t batch, std::uint64_t seed);

}  // namespace snn
