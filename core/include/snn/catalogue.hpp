// The catalogue: the one description of every neuron model, every input generator and every Scenario
// field this core accepts — names, types, defaults, ranges and rules, with snnTorch's names and a line on
// what each means. The parser reads every keyword through it (a keyword the catalogue does not carry
// cannot be read), `snn models --json` and the JS API's catalogue() print it, and everything outside the
// core that lists models, keywords, defaults or state names (the playground's controls, the Python
// export, the README's tables, index.d.ts) derives from it or is checked against it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "snn/neurons.hpp"

namespace snn {

// What a field's value is. (One byte, like Absent: the catalogue's ~150 fields are data in the WebAssembly
// module, and their layout is its size; see FieldInfo.)
enum class FieldType : unsigned char {
  Number,     // a finite number that fits float32 (or double where said)
  PerNeuron,  // a number, or a list with one per neuron
  Bool,
  Choice,     // one of `choices`
  Count,      // a whole number (a step index, a size)
  Seed,       // a whole number 0..2^53-1
  Surrogate,  // null or the name of a surrogate gradient (spike_grad)
  Text,       // any string
  Values,     // per element: a number, a list, [batch][n], or {"uniform": [low, high]}
  Input,      // an input: explicit rows or a generator
  InputList,  // a list of inputs
  PulseList,  // a list of {start, width, amplitude}
  Rows,       // explicit rows [T][N] or [T][batch][in]
  Init,       // an object of state name -> a number or one per neuron
  Record,     // a list of array names (see README, "record")
  Layers,     // a network's layers
  Weights,    // [out][in] numbers
  Bias,       // a list of out numbers, true (drawn from the seed) or false (no bias)
  Sweep,      // {"path": ..., "values": [...]}: one run per value (sweep.hpp)
  Numbers,    // a non-empty list of numbers
  Any,        // anything (descriptive fields)
};
const char* fieldTypeName(FieldType type);

// What it means when a field is absent.
enum class Absent : unsigned char {
  Default,   // default_json applies
  Required,  // it must be given
  Optional,  // nothing is used in its place; `absent` says what happens instead
  FromScenario,  // the default depends on the scenario; `absent` says on what (e.g. "num_steps")
};

// A read-only list over a static array: the catalogue is constant data, built at compile time (no code
// runs to make it, which keeps the WebAssembly module small).
template <class T>
class List {
 public:
  constexpr List() = default;
  template <std::size_t N>
  constexpr List(const T (&items)[N]) : data_(items), size_(N) {}
  constexpr const T* begin() const { return data_; }
  constexpr const T* end() const { return data_ + size_; }
  constexpr std::size_t size() const { return size_; }
  constexpr bool empty() const { return size_ == 0; }
  constexpr const T& operator[](std::size_t i) const { return data_[i]; }

 private:
  const T* data_ = nullptr;
  std::size_t size_ = 0;
};
using Names = List<const char*>;

// A bound of a numeric range; `set` false: unbounded on that side.
struct Bound {
  double value = 0;
  bool set = false;
  bool inclusive = true;
};

// A range for a control (slider) that teaches well: it is a suggestion, not a rule; `set` false: none.
struct Typical {
  double min = 0, max = 0, step = 0;
  // A maximum that follows the scenario instead of `max`: "num_steps" or "num_steps-1" (a step index).
  const char* max_from = nullptr;
  bool set = false;
};

// Members ordered so that nothing pads (104 bytes in WebAssembly instead of 144 in declaration order).
struct FieldInfo {
  const char* name = nullptr;
  FieldType type = FieldType::Number;
  Absent absent_kind = Absent::Default;
  bool forward = true;  // false: accepted for snnTorch compatibility, changes no forward value
  const char* default_json = nullptr;  // with Absent::Default: the value used when the field is absent
  const char* absent = nullptr;        // otherwise: what absence means, in words
  Bound min, max;
  Names choices;                 // Choice: the accepted strings; Bool: the accepted values if restricted
  const char* rule = nullptr;    // any rule beyond type and range, in words
  const char* label = nullptr;   // a short name for a control ("membrane decay β")
  const char* meaning = nullptr; // one line
  // A value to start a figure or control from, as JSON, where there is no default or the default shows
  // little (Lapicque's time step of 1 makes its Euler steps unstable with the tutorial's R and C).
  const char* example = nullptr;
  Typical typical;
};
using FieldList = List<FieldInfo>;

// A model's update equations, as templates for a step inspector: each line is an assignment whose terms are
// written {name}; `terms` says what each name is (a state this step wrote or the one it began with, the
// input, the spike, a constructor keyword, the reset flag, a constant the core derives, or a value inside the
// step no trace keeps) and how snnTorch's code and the tutorial's text spell it. Lines come in the order the
// step computes them: the reset flag, `common` (every case), the lines of the case that matches the
// scenario's reset_mechanism (and reset_delay, when a case names it), then the spike line of its
// spike_timing (or the case's own). In the snnTorch lines operators are written out and evaluate in float32
// in the order written (tests/core/test_catalogue.cpp replays them against the core); in the tutorial's,
// two terms side by side ({beta}{mem_prev}, a closing bracket before a term or an opening bracket)
// multiply, and the order is the text's, not the core's.
enum class TermSource : unsigned char {
  State,     // the state `of` as this step left it (its trace row)
  Previous,  // the state `of` as this step found it: the row before, or the initial state at step 0
  Input,     // the input fed to this step
  Spike,     // the spike this step reported
  Keyword,   // the constructor keyword `of`: one value, or one per neuron
  Reset,     // the reset flag H(U − θ) of the membrane the step began with (the state `of`, the row before)
  Derived,   // a constant the core derives once from the keywords (`of`: how); no trace holds it
  Inside,    // a value inside the step that no trace keeps; `of`, when given: the state it equals while the
             // reset flag is 0
};
const char* termSourceName(TermSource source);

struct EquationTerm {
  const char* name;
  TermSource source;
  const char* of;
  const char* snntorch;  // "mem", "beta", "input_"
  const char* tutorial;  // "U[t]", "β", "I_in[t+1]"
};

struct EquationLine {
  const char* snntorch;
  const char* tutorial;
};

// The lines of one reset mechanism (and, when `reset_delay` is not Any, of that reset_delay).
enum class DelayCase : unsigned char { Any, Off, On };
struct EquationCase {
  const char* reset_mechanism;
  DelayCase reset_delay;
  List<EquationLine> lines;
  const char* branch;  // what the reset does in this case when its flag is 1, in words
  EquationLine spike;  // the spike line after the update, when this case has its own (snntorch null: none)
};

struct ModelEquations {
  List<EquationTerm> terms;
  EquationLine reset;
  List<EquationLine> common;
  List<EquationCase> cases;
  EquationLine spike_after;   // spike_timing after_update
  EquationLine spike_before;  // spike_timing before_update
};

struct ModelInfo {
  const char* name;
  Names aliases;
  ModelKind kind;
  SpikeTiming timing;
  bool v02;                 // snnTorch v0.2.11 semantics (the 2021 notebook)
  const char* snntorch;     // the snnTorch class ("snntorch.Leaky"), nullptr when there is none
  const char* title;        // "Leaky (first order)"
  const char* summary;      // one line
  const char* update;       // the update, in plain text
  Names states;             // in snnTorch's return order, without spk
  FieldList keywords;          // constructor keywords
  // Sets of keywords that may be given together when a model accepts several parameterisations
  // (Lapicque: beta, R and C, or beta with one of them); empty: one way.
  List<Names> forms;
  Names rules;  // rules between keywords, in words
  const ModelEquations* equations;  // the update as templates (see ModelEquations)
};

struct GeneratorInfo {
  const char* name;
  const char* snntorch;  // the snnTorch counterpart ("snntorch.spikegen.rate"), or nullptr
  const char* summary;
  FieldList fields;
  Names rules;
};

List<ModelInfo> models();
List<GeneratorInfo> generators();
// The fields of a Scenario's top level, of a network's Linear entries, and of a {"uniform"} value.
FieldList scenarioFields();
FieldList linearFields();
FieldList uniformFields();
// The fields of a scenario's "sweep" object (sweep.hpp).
FieldList sweepFields();

// The model a name means (its name or an alias), or null.
const ModelInfo* findModel(std::string_view name);
const ModelInfo& modelInfo(ModelKind kind, bool v02 = false);
const GeneratorInfo* findGenerator(std::string_view name);
// The field of that name in `fields`, or null.
const FieldInfo* findField(FieldList fields, std::string_view name);

// The whole catalogue as JSON (what `snn models --json` and catalogue() in JS give).
std::string catalogueJson();

}  // namespace snn
