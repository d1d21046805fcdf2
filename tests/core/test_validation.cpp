// Scenario validation, as tables: one row per rule of parseScenario, parseNeuronDef and the JS API's checks
// (core/src/scenario.cpp, generators.cpp, json_read.cpp, neuron_def.cpp, record.cpp, sizes.cpp,
// core/include/snn/limits.hpp).
//
// A row is {what, subject, kind, field, {message parts}}:
//   - what    : the rule, in words; the row's section name (run one row with -c "<what>").
//   - subject : a Scenario document, a base plus edits or a literal text (Rule, see Doc below), or a call
//               of another checking function (CallRule: neuronDef(...), CALL(expr), initialState(...)).
//   - kind    : the ScenarioError kind expected, or kAccepted for a subject that must not throw.
//   - field   : the expected field() (dotted path), exactly, or as a prefix when it ends with '*'.
//   - parts   : fragments that must all occur in what(): the field, the allowed range or rule, the value.
// runTable() runs each row in its own section. Each themed TEST_CASE starts with positive controls (accept
// rows), so a validator that rejects everything fails here too. Checks that are not a rejection or an
// acceptance (the values of a trace, the memory a refused scenario touched) are explicit sections beside
// the table.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#if defined(__linux__)
#include <sys/resource.h>
#endif

#include "snn/error.hpp"
#include "snn/limits.hpp"
#include "snn/scenario.hpp"
#include "support.hpp"

using Json = nlohmann::json;
using Kind = snn::ScenarioError::Kind;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

using snn::kindName;

// ------------------------------------------------------------------------------------------ documents
// The known-good population every population rule starts from.
Json leakyBase() {
  return Json::parse(R"({"model":"Leaky","constructor":{"beta":0.8},"num_steps":5,"input":{"constant":{"value":0.5}}})");
}
// The known-good network: Linear(2 -> 3), Leaky.
Json networkBase() {
  return Json::parse(R"({"layers":[{"type":"Linear","in":2,"out":3},{"type":"Leaky","beta":0.9}],
                         "num_steps":5,"input":{"constant":{"value":0.5}}})");
}

// A row's document: a base and edits, or a literal text (sent to the parser as it is, so it may be broken
// JSON). Edits are JSON objects of {JSON pointer: value}, applied in the order written: the value is set at
// the pointer (an array index one past the end appends), and the value "<erase>" removes the member.
enum class Base { Text, Leaky, Network };
constexpr const char* kErase = "<erase>";
struct Doc {
  Base base;
  std::vector<std::string> edits;  // Base::Text: the one literal text
};

Doc text(std::string literal) { return {Base::Text, {std::move(literal)}}; }
Doc leaky(std::string edits = "{}") { return {Base::Leaky, {std::move(edits)}}; }
Doc network(std::string edits = "{}") { return {Base::Network, {std::move(edits)}}; }
// The Leaky base with another model and constructor (a JSON object text), then `edits`.
Doc withModel(const std::string& model, const std::string& constructor, std::string edits = "{}") {
  return {Base::Leaky, {R"({"/model":")" + model + R"(","/constructor":)" + constructor + "}", std::move(edits)}};
}
// The Leaky base with another input (JSON text), then `edits`.
Doc withInput(const std::string& input, std::string edits = "{}") {
  return {Base::Leaky, {R"({"/input":)" + input + "}", std::move(edits)}};
}

std::string build(const Doc& doc) {
  if (doc.base == Base::Text) return doc.edits.at(0);
  Json j = doc.base == Base::Network ? networkBase() : leakyBase();
  for (const std::string& edits : doc.edits) {
    // ordered_json keeps the edits in the order written (json would sort them by pointer).
    const nlohmann::ordered_json edit = nlohmann::ordered_json::parse(edits);
    for (const auto& [pointer, value] : edit.items()) {
      const Json::json_pointer at(pointer);
      if (value == kErase) {
        if (!j.contains(at)) FAIL("the edit erases " << pointer << ", which the base does not have");
        j[at.parent_pointer()].erase(at.back());
      } else {
        j[at] = Json::parse(value.dump());
      }
    }
  }
  return j.dump();
}

// Generated documents.
// `levels` generators nested in a constant: "sum" wraps as {"sum":[g]}, "delta" as {"delta":{"of":g}}.
std::string nested(const std::string& how, int levels) {
  Json g = Json::parse(R"({"constant":{"value":1}})");
  for (int i = 0; i < levels; ++i) g = how == "sum" ? Json{{"sum", Json::array({g})}} : Json{{"delta", {{"of", g}}}};
  return g.dump();
}
// `levels` arrays nested in each other: [[[]]] for 3.
std::string deepArray(int levels) { return std::string(levels, '[') + std::string(levels, ']'); }
std::string repeat(const std::string& s, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += s;
  return out;
}
// Edits replacing the network's layers with `pairs` Linear(2 -> 2), Leaky pairs.
std::string layerPairs(int pairs) {
  Json layers = Json::array();
  for (int i = 0; i < pairs; ++i) {
    layers.push_back({{"type", "Linear"}, {"in", 2}, {"out", 2}});
    layers.push_back({{"type", "Leaky"}, {"beta", 0.9}});
  }
  return Json{{"/layers", layers}}.dump();
}

// A call of another checking function of the core (parseNeuronDef, the JS API's size checks...).
struct Call {
  std::string shown;  // printed on failure
  std::function<void()> run;
};
Call neuronDef(const std::string& model, const std::string& kwargs, std::size_t neurons) {
  return {"parseNeuronDef(\"" + model + "\", " + kwargs + ", " + std::to_string(neurons) + ")",
          [=] { (void)snn::parseNeuronDef(model, kwargs, neurons); }};
}
// A call written out: shown as written.
#define CALL(...) Call{#__VA_ARGS__, [] { (void)(__VA_ARGS__); }}
// setInitialState on a new Synaptic population of 3 neurons x `batch` rows.
Call initialState(const std::string& name, std::vector<float> values, std::size_t batch) {
  return {"setInitialState(Synaptic 3 x " + std::to_string(batch) + ", \"" + name + "\", " + std::to_string(values.size()) + " values)",
          [=] {
            const snn::NeuronDef def = snn::parseNeuronDef("Synaptic", R"({"alpha":0.9,"beta":0.8})", 3);
            const auto layer = snn::makeNeuronLayer(def, 3, batch);
            snn::setInitialState(*layer, "Synaptic", name, values.data(), static_cast<double>(values.size()));
          }};
}

// ------------------------------------------------------------------------------------------------ rows
constexpr std::nullopt_t kAccepted = std::nullopt;

template <class Subject>
struct Row {
  std::string what;
  Subject subject;
  std::optional<Kind> kind;             // kAccepted: must be accepted
  std::string field = {};               // exact, or a prefix when it ends with '*'
  std::vector<std::string> parts = {};  // each must occur in what()
};
using Rule = Row<Doc>;
using CallRule = Row<Call>;

std::string clip(const std::string& text) { return text.size() > 400 ? text.substr(0, 400) + "..." : text; }

void checkField(const std::string& got, const std::string& field) {
  if (!field.empty() && field.back() == '*')
    CHECK_THAT(got, StartsWith(field.substr(0, field.size() - 1)));
  else
    CHECK(got == field);
}

// Runs `call` and checks its outcome against the row: a ScenarioError of the row's kind, at its field,
// with every part in what(); or, for an accept row, no exception (one passing assertion).
template <class Subject>
void expectOutcome(const Row<Subject>& row, const std::function<void()>& call) {
  try {
    call();
  } catch (const snn::ScenarioError& e) {
    INFO("what(): " << e.what());
    INFO("field(): " << e.field());
    if (!row.kind) {
      FAIL_CHECK("rejected: " << kindName(e.kind()) << " [" << e.field() << "] " << e.what());
      return;
    }
    CHECK(std::string(kindName(e.kind())) == kindName(*row.kind));
    checkField(e.field(), row.field);
    for (const std::string& p : row.parts) CHECK_THAT(std::string(e.what()), Contains(p));
    return;
  } catch (const std::exception& e) {
    FAIL_CHECK("threw something other than snn::ScenarioError: " << e.what());
    return;
  }
  if (row.kind)
    FAIL_CHECK("accepted; expected a " << kindName(*row.kind) << " error at '" << row.field << "'");
  else
    SUCCEED("accepted");
}

void check(const Rule& row) {
  const std::string doc = build(row.subject);
  INFO("scenario: " << clip(doc));
  expectOutcome(row, [&] { (void)snn::parseScenario(doc); });
}
void check(const CallRule& row) {
  INFO("call: " << row.subject.shown);
  expectOutcome(row, row.subject.run);
}

// One section per row, named by the row. Catch runs a section name once per test case, so a repeated
// name would skip its row: refused here.
template <class R>
void runTable(const std::vector<R>& rows) {
  std::set<std::string> names;
  for (const R& row : rows) {
    if (!names.insert(row.what).second) FAIL("two rows are named '" << row.what << "'");
    if (row.kind && row.parts.empty()) FAIL("row '" << row.what << "' expects a rejection but no message parts");
  }
  for (const R& row : rows) {
    DYNAMIC_SECTION(row.what) { check(row); }
  }
}

// The rows for a `record` range the population (one neuron) cannot keep.
Rule badRange(const std::string& entry) {
  return {"record range " + entry, leaky(Json{{"/record", Json::array({entry})}}.dump()), Kind::Invalid, "record[0]",
          {"record[0] '" + entry + "' must keep a range of neurons as mem[first:end]",
           "0 <= first < end <= 1 (mem has 1 neuron)"}};
}

// Peak resident set size of this process, in KiB (0 where unknown). The peak only grows, so a parse that
// allocates and touches N MiB raises it by about N MiB unless an earlier test already went higher.
long peakRssKiB() {
#if defined(__linux__)
  rusage u{};
  if (getrusage(RUSAGE_SELF, &u) == 0) return u.ru_maxrss;
#endif
  return 0;
}

}  // namespace

// ================================================================================ document, top level
TEST_CASE("validation: the JSON document and its top-level fields", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: the base scenario parses", leaky(), kAccepted},
      {"positive control: descriptive golden fields are accepted",
       leaky(R"({"/name":"leaky base","/description":"a Leaky neuron","/note":"anything"})"), kAccepted},
      {"text that is not JSON", text(R"({"model":)"), Kind::Type, "", {"not valid JSON"}},
      {"a JSON value that is not an object", text("[1]"), Kind::Type, "", {"the scenario must be a JSON object", "an array of 1 items"}},
      {"unknown top-level field", leaky(R"({"/foo":1})"), Kind::Invalid, "foo", {"unknown field 'foo'", "accepted:", "num_steps"}},
      {"model missing (and no layers)", leaky(R"({"/model":"<erase>"})"), Kind::Invalid, "model", {"model is required", "layers"}},
      {"model and layers together", network(R"({"/model":"Leaky"})"), Kind::Invalid, "model", {"either model", "or layers", "not both"}},
      {"input missing", leaky(R"({"/input":"<erase>"})"), Kind::Invalid, "input", {"input is required"}},
      {"model not a string", leaky(R"({"/model":5})"), Kind::Type, "model", {"model must be a string", "got 5"}},
      {"unknown model", leaky(R"({"/model":"Leakyy"})"), Kind::Invalid, "model", {"unknown model 'Leakyy'", "accepted:", "Leaky", "SRM0(v0.2.11)"}},
      // seed
      {"seed negative", leaky(R"({"/seed":-1})"), Kind::Range, "seed", {"seed must be a whole number 0..2^53-1", "got -1"}},
      {"seed fractional", leaky(R"({"/seed":1.5})"), Kind::Range, "seed", {"seed must be a whole number 0..2^53-1", "got 1.5"}},
      {"seed above 2^53-1", leaky(R"({"/seed":9007199254740992.0})"), Kind::Range, "seed", {"0..2^53-1", "got 9007199254740992"}},
      {"seed not a number", leaky(R"({"/seed":"7"})"), Kind::Type, "seed", {"seed must be a whole number", "got the string \"7\""}},
      // nesting of the JSON text itself (no recursion past it)
      {"positive control: the text nests 64 levels", leaky(R"({"/note":)" + deepArray(63) + "}"), kAccepted},
      {"the text nests more than 64 levels", leaky(R"({"/note":)" + deepArray(64) + "}"), Kind::Limit, "",
       {"the scenario nests arrays or objects more than 64 levels deep"}},
  };
  runTable(rows);
  SECTION("explicit: the base scenario has 5 steps and 1 neuron") {
    const snn::Scenario s = snn::parseScenario(leakyBase().dump());
    CHECK(s.num_steps == 5);
    CHECK(s.num_neurons == 1);
  }
}

// ================================================================================ numbers and types
TEST_CASE("validation: numbers (type, finiteness, float32 range)", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: largest float32 magnitude and negative values are accepted",
       leaky(R"({"/constructor/threshold":3.4e38,"/input/constant/value":-3.4e38})"), kAccepted},
      {"a string where a number is expected", leaky(R"({"/constructor/beta":"0.8"})"), Kind::Type, "constructor.beta",
       {"constructor.beta must be a number", "got the string \"0.8\""}},
      {"a boolean is not a number", leaky(R"({"/constructor/beta":true})"), Kind::Type, "constructor.beta",
       {"constructor.beta must be a number", "got true"}},
      {"null is not a number", leaky(R"({"/constructor/threshold":null})"), Kind::Type, "constructor.threshold",
       {"constructor.threshold must be a number", "got null"}},
      {"an empty array where a per-neuron list is expected", leaky(R"({"/constructor/beta":[]})"), Kind::Type, "constructor.beta",
       {"constructor.beta", "non-empty array", "got an empty array"}},
      // float32 range
      {"a value beyond float32 (1e39)", leaky(R"({"/constructor/beta":1e39})"), Kind::Range, "constructor.beta",
       {"constructor.beta must fit in float32", "3.4e38", "got 1e+39"}},
      {"a negative value beyond float32 (-1e39)", leaky(R"({"/constructor/threshold":-1e39})"), Kind::Range, "constructor.threshold",
       {"must fit in float32", "got -1e+39"}},
      {"an element of a per-neuron list beyond float32", leaky(R"({"/constructor/threshold":[1.0,1e39]})"), Kind::Range,
       "constructor.threshold[1]", {"constructor.threshold[1] must fit in float32", "got 1e+39"}},
      // 1e999 overflows a double (JSON's only way to spell Infinity): the parser refuses the text, naming the number
      {"1e999 (overflows double: JSON's only way to spell Infinity)",
       text(R"({"model":"Leaky","constructor":{"beta":1e999},"num_steps":5,"input":{"constant":{"value":0.5}}})"), Kind::Type, "",
       {"the scenario is not valid JSON", "1e999"}},
      {"-1e999 in an explicit input", text(R"({"model":"Leaky","constructor":{"beta":0.8},"input":[[0.5],[-1e999]]})"), Kind::Type, "",
       {"the scenario is not valid JSON", "-1e999"}},
      // NaN and infinities as the JS API spells them (strings), so that the message can name them
      {"NaN (as the JS API sends it)", leaky(R"({"/constructor/beta":"NaN"})"), Kind::Range, "constructor.beta",
       {"constructor.beta must be a finite number, got NaN"}},
      {"-Infinity (as the JS API sends it)", leaky(R"({"/constructor/threshold":"-Infinity"})"), Kind::Range, "constructor.threshold",
       {"constructor.threshold must be a finite number, got -Infinity"}},
      {"NaN in an explicit input", leaky(R"({"/num_steps":"<erase>","/input":[[0.5],["NaN"]]})"), Kind::Range, "input[1][0]",
       {"input[1][0] must be a finite number, got NaN"}},
      {"NaN as a generator's one value", leaky(R"({"/input":{"constant":{"value":"NaN"}}})"), Kind::Range, "input.constant.value",
       {"input.constant.value must be a finite number, got NaN"}},
  };
  runTable(rows);
}

// ========================================================================================= num_steps
TEST_CASE("validation: num_steps", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: num_steps 1", leaky(R"({"/num_steps":1})"), kAccepted},
      {"positive control: num_steps 1000000", leaky(R"({"/num_steps":1000000})"), kAccepted},
      {"num_steps 0", leaky(R"({"/num_steps":0})"), Kind::Range, "num_steps", {"num_steps must be 1..1000000, got 0"}},
      {"num_steps above the limit", leaky(R"({"/num_steps":1000001})"), Kind::Range, "num_steps", {"num_steps must be 1..1000000, got 1000001"}},
      {"num_steps fractional", leaky(R"({"/num_steps":2.5})"), Kind::Range, "num_steps", {"num_steps must be 1..1000000, got 2.5"}},
      {"num_steps negative", leaky(R"({"/num_steps":-3})"), Kind::Range, "num_steps", {"num_steps must be 1..1000000, got -3"}},
      {"num_steps not a number", leaky(R"({"/num_steps":"5"})"), Kind::Type, "num_steps",
       {"num_steps must be a whole number 1..1000000", "got the string \"5\""}},
      {"num_steps missing with a generator input", leaky(R"({"/num_steps":"<erase>"})"), Kind::Invalid, "num_steps",
       {"num_steps is required when input is a generator"}},
      // against an explicit input
      {"explicit input with no rows (and no num_steps)", leaky(R"({"/num_steps":"<erase>","/input":[]})"), Kind::Range, "input",
       {"input must have 1..1000000 rows, got 0"}},
      {"explicit input row count differs from num_steps", leaky(R"({"/num_steps":4,"/input":[[1,2],[1,2],[1,2],[1,2],[1,2]]})"),
       Kind::Type, "input", {"input has 5 rows, expected 4 (num_steps)"}},
  };
  runTable(rows);
  SECTION("explicit: an explicit input gives num_steps") {
    const Json e = Json::parse(build(leaky(R"({"/num_steps":"<erase>","/input":[0.1,0.2,0.3]})")));
    CHECK(snn::parseScenario(e.dump()).num_steps == 3);
  }
}

// ======================================================================================= population
TEST_CASE("validation: population size, init, spike_timing, batch_size", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: num_neurons, per-neuron lists, init and spike_timing",
       leaky(R"({"/num_neurons":3,"/constructor/beta":[0.7,0.8,0.9],"/constructor/threshold":1.0,
                 "/init":{"mem":[0.1,0.2,0.3]},"/spike_timing":"before_update"})"), kAccepted},
      {"positive control: Synaptic init of both states",
       withModel("Synaptic", R"({"alpha":0.9,"beta":0.8})", R"({"/init":{"syn":0.5,"mem":0.1}})"), kAccepted},
      {"positive control: init and num_neurons null", leaky(R"({"/init":null,"/num_neurons":null})"), kAccepted},
      // num_neurons
      {"num_neurons 0", leaky(R"({"/num_neurons":0})"), Kind::Range, "num_neurons", {"num_neurons must be 1..4000000, got 0"}},
      {"num_neurons above the limit", leaky(R"({"/num_neurons":4000001})"), Kind::Range, "num_neurons",
       {"num_neurons must be 1..4000000, got 4000001"}},
      {"num_neurons not a number", leaky(R"({"/num_neurons":"3"})"), Kind::Type, "num_neurons",
       {"num_neurons must be a whole number 1..4000000", "got the string \"3\""}},
      {"per-neuron parameter list of the wrong length", leaky(R"({"/num_neurons":2,"/constructor/beta":[0.1,0.2,0.3]})"),
       Kind::Type, "constructor.beta", {"constructor.beta has 3 values, expected 1 or 2 (one per neuron)"}},
      {"per-neuron lists of different lengths (num_neurons inferred from the widest)",
       leaky(R"({"/constructor/beta":[0.8,0.7],"/constructor/threshold":[1,2,3]})"), Kind::Type, "constructor.beta",
       {"constructor.beta has 2 values, expected 1 or 3 (one per neuron)"}},
      // init
      {"init not an object", leaky(R"({"/init":[0]})"), Kind::Type, "init", {"init must be a JSON object", "got an array of 1 items"}},
      {"init names a state the model does not have", leaky(R"({"/init":{"syn":0}})"), Kind::Invalid, "init.syn",
       {"init has no state 'syn' for Leaky", "its states: mem"}},
      {"init state list of the wrong length", leaky(R"({"/num_neurons":2,"/init":{"mem":[1,2,3]}})"), Kind::Type, "init.mem",
       {"init.mem has 3 values, expected 1 or 2 (one per neuron)"}},
      {"init state value not a number", leaky(R"({"/init":{"mem":"a"}})"), Kind::Type, "init.mem",
       {"init.mem must be a number or an array of numbers", "got the string \"a\""}},
      // spike_timing, batch_size
      {"spike_timing unknown", leaky(R"({"/spike_timing":"later"})"), Kind::Invalid, "spike_timing",
       {"spike_timing must be \"after_update\"", "\"before_update\"", "got \"later\""}},
      {"spike_timing not a string", leaky(R"({"/spike_timing":1})"), Kind::Type, "spike_timing", {"spike_timing must be a string", "got 1"}},
      {"batch_size on a population", leaky(R"({"/batch_size":2})"), Kind::Invalid, "batch_size",
       {"batch_size applies to networks (layers) only"}},
  };
  runTable(rows);
}

// ============================================================================ constructor (all models)
TEST_CASE("validation: neuron constructor keywords", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: Leaky", leaky(), kAccepted},
      {"positive control: Synaptic", withModel("Synaptic", R"({"alpha":0.9,"beta":0.8,"reset_mechanism":"zero"})"), kAccepted},
      {"positive control: Stein", withModel("Stein", R"({"alpha":0.9,"beta":0.8})"), kAccepted},
      {"positive control: Alpha", withModel("Alpha", R"({"alpha":0.9,"beta":0.8})"), kAccepted},
      {"positive control: SRM0", withModel("SRM0", R"({"alpha":0.9,"beta":0.8})"), kAccepted},
      {"positive control: Lapicque", withModel("Lapicque", R"({"beta":0.8})"), kAccepted},
      {"positive control: EulerLIF", withModel("EulerLIF", R"({"R":5,"C":0.1})"), kAccepted},
      {"positive control: Lapicque(v0.2.11)", withModel("Lapicque(v0.2.11)", R"({"R":5,"C":0.1})"), kAccepted},
      {"positive control: Stein(v0.2.11)", withModel("Stein(v0.2.11)", R"({"alpha":0.9,"beta":0.8})"), kAccepted},
      {"positive control: SRM0(v0.2.11)", withModel("SRM0(v0.2.11)", R"({"alpha":0.9,"beta":0.8})"), kAccepted},
      {"positive control: inert keywords with their accepted values",
       withModel("Leaky", R"({"beta":0.8,"inhibition":false,"state_quant":false,"spike_grad":"fast_sigmoid","init_hidden":false,
                              "learn_beta":true,"reset_delay":false,"graded_spikes_factor":2.0,"reset_mechanism":"none"})"), kAccepted},
      // the object and its keywords
      {"constructor not an object", leaky(R"({"/constructor":[0.8]})"), Kind::Type, "constructor",
       {"constructor must be a JSON object", "got an array of 1 items"}},
      {"unknown constructor keyword", leaky(R"({"/constructor/foo":1})"), Kind::Invalid, "constructor.foo",
       {"unknown field 'foo' in constructor", "accepted:", "beta"}},
      {"keyword of another model (reset_delay for Stein(v0.2.11))",
       withModel("Stein(v0.2.11)", R"({"alpha":0.9,"beta":0.8,"reset_delay":false})"), Kind::Invalid, "constructor.reset_delay",
       {"unknown field 'reset_delay' in constructor", "accepted:"}},
      {"beta missing (Leaky)", withModel("Leaky", "{}"), Kind::Invalid, "constructor.beta", {"Leaky: beta is required"}},
      {"alpha missing (Synaptic)", withModel("Synaptic", R"({"beta":0.8})"), Kind::Invalid, "constructor.alpha", {"Synaptic: alpha is required"}},
      // reset_mechanism, reset_delay, graded_spikes_factor
      {"reset_mechanism unknown", leaky(R"({"/constructor/reset_mechanism":"half"})"), Kind::Invalid, "constructor.reset_mechanism",
       {"constructor.reset_mechanism must be \"subtract\", \"zero\" or \"none\"", "got \"half\""}},
      {"reset_mechanism not a string", leaky(R"({"/constructor/reset_mechanism":1})"), Kind::Type, "constructor.reset_mechanism",
       {"constructor.reset_mechanism must be a string", "got 1"}},
      {"reset_delay not a boolean", leaky(R"({"/constructor/reset_delay":"yes"})"), Kind::Type, "constructor.reset_delay",
       {"constructor.reset_delay must be true or false", "got the string \"yes\""}},
      {"graded_spikes_factor 0 without reset_delay (spikes are divided by it)",
       leaky(R"({"/constructor/graded_spikes_factor":0,"/constructor/reset_delay":false})"), Kind::Range,
       "constructor.graded_spikes_factor", {"graded_spikes_factor must be non-zero", "reset_delay is false", "got 0"}},
      {"graded_spikes_factor that rounds to 0 in float32 (1e-50), one of a list",
       leaky(R"({"/num_neurons":2,"/constructor/graded_spikes_factor":[1.0,1e-50],"/constructor/reset_delay":false})"), Kind::Range,
       "constructor.graded_spikes_factor[1]", {"graded_spikes_factor must be non-zero", "1e-50"}},
      // keywords the port does not support, and inert ones of the wrong type
      {"inhibition true", leaky(R"({"/constructor/inhibition":true})"), Kind::Invalid, "constructor.inhibition",
       {"constructor.inhibition is not supported", "only false", "got true"}},
      {"inhibition null (only false is accepted)", leaky(R"({"/constructor/inhibition":null})"), Kind::Invalid, "constructor.inhibition",
       {"constructor.inhibition is not supported", "got null"}},
      {"state_quant true", leaky(R"({"/constructor/state_quant":true})"), Kind::Invalid, "constructor.state_quant",
       {"constructor.state_quant is not supported", "only false", "got true"}},
      {"inert boolean keyword of the wrong type (init_hidden: 1)", leaky(R"({"/constructor/init_hidden":1})"), Kind::Type,
       "constructor.init_hidden", {"constructor.init_hidden must be true or false", "got 1"}},
      {"inert boolean keyword of the wrong type (surrogate_disable: \"x\")", leaky(R"({"/constructor/surrogate_disable":"x"})"),
       Kind::Type, "constructor.surrogate_disable", {"constructor.surrogate_disable must be true or false", "got the string \"x\""}},
      {"spike_grad neither null nor a name", leaky(R"({"/constructor/spike_grad":5})"), Kind::Type, "constructor.spike_grad",
       {"constructor.spike_grad must be null or the name of a surrogate", "got 5"}},
      {"threshold not a number", leaky(R"({"/constructor/threshold":"1"})"), Kind::Type, "constructor.threshold",
       {"constructor.threshold must be a number", "got the string \"1\""}},
  };
  runTable(rows);
  SECTION("explicit: graded_spikes_factor 0 with reset_delay: every spike is 0, as in snnTorch") {
    const snn::Trace t = snn::runScenarioJson(build(leaky(R"({"/constructor/graded_spikes_factor":0,"/input":{"constant":{"value":2}}})")));
    for (float v : t.find("spk")->data) CHECK(v == 0.0f);
  }
}

// ===================================================================================== Alpha, SRM0
TEST_CASE("validation: Alpha and SRM0 parameters", "[validation]") {
  // snnTorch 0.9.4 clamps alpha to [0, 1] before _alpha_cases, so Alpha(alpha=1.5, beta=1) raises "alpha must
  // be greater than beta": the port agrees, and its beta == 1 check is unreachable for Alpha.
  static const std::vector<Rule> rows = {
      {"positive control: alpha > beta", withModel("Alpha", R"({"alpha":0.9,"beta":0.8})"), kAccepted},
      {"positive control: alpha > beta, per neuron", withModel("Alpha", R"({"alpha":[0.9,0.95],"beta":0.8})"), kAccepted},
      {"positive control: SRM0(v0.2.11) with reset subtract", withModel("SRM0(v0.2.11)", R"({"alpha":0.9,"beta":0.8,"reset_mechanism":"subtract"})"), kAccepted},
      // Alpha (and SRM0, its old name)
      {"Alpha: alpha <= beta", withModel("Alpha", R"({"alpha":0.7,"beta":0.8})"), Kind::Range, "constructor.alpha",
       {"Alpha: alpha (0.7) must be greater than beta (0.8)"}},
      {"Alpha: alpha == beta", withModel("Alpha", R"({"alpha":0.5,"beta":0.5})"), Kind::Range, "constructor.alpha",
       {"Alpha: alpha (0.5) must be greater than beta (0.5)"}},
      {"Alpha: alpha <= beta for one neuron of a per-neuron list names the neuron", withModel("Alpha", R"({"alpha":[0.9,0.7],"beta":0.8})"),
       Kind::Range, "constructor.alpha", {"alpha (0.7) must be greater than beta (0.8)", "(neuron 1)"}},
      {"Alpha: SRM0 is Alpha's old name and has the same rule", withModel("SRM0", R"({"alpha":0.25,"beta":0.5})"), Kind::Range,
       "constructor.alpha", {"SRM0: alpha (0.25) must be greater than beta (0.5)"}},
      {"Alpha: beta == 1 (alpha is clamped to 1 first, as snnTorch does, so alpha > beta fails first)",
       withModel("Alpha", R"({"alpha":1.5,"beta":1})"), Kind::Range, "constructor.alpha",
       {"alpha (1.5", "clamped to 1", "must be greater than beta (1)"}},
      {"Alpha: tau_alpha not finite (alpha 0, beta -1: both clamp to 0)", withModel("Alpha", R"({"alpha":0,"beta":-1})"), Kind::Range,
       "constructor.alpha", {"tau_alpha", "not finite", "alpha 0", "beta -1"}},
      // SRM0(v0.2.11)
      {"SRM0(v0.2.11): beta == 1", withModel("SRM0(v0.2.11)", R"({"alpha":1.5,"beta":1})"), Kind::Range, "constructor.beta",
       {"SRM0(v0.2.11): beta must not be 1", "got 1"}},
      {"SRM0(v0.2.11): beta <= 0", withModel("SRM0(v0.2.11)", R"({"alpha":0.5,"beta":0})"), Kind::Range, "constructor.beta",
       {"needs 0 < beta < alpha <= 1", "got alpha 0.5, beta 0"}},
      {"SRM0(v0.2.11): alpha > 1", withModel("SRM0(v0.2.11)", R"({"alpha":1.5,"beta":0.5})"), Kind::Range, "constructor.alpha",
       {"needs 0 < beta < alpha <= 1", "got alpha 1.5, beta 0.5"}},
      {"SRM0(v0.2.11): reset_mechanism none", withModel("SRM0(v0.2.11)", R"({"alpha":0.9,"beta":0.8,"reset_mechanism":"none"})"),
       Kind::Invalid, "constructor.reset_mechanism", {"reset_mechanism must be \"subtract\" or \"zero\"", "no \"none\""}},
  };
  runTable(rows);
}

// =============================================================================== Lapicque, EulerLIF
TEST_CASE("validation: Lapicque and EulerLIF parameters", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: beta", withModel("Lapicque", R"({"beta":0.8})"), kAccepted},
      {"positive control: R and C", withModel("Lapicque", R"({"R":5,"C":0.1,"time_step":0.5})"), kAccepted},
      {"positive control: beta with R", withModel("Lapicque", R"({"beta":0.8,"R":2})"), kAccepted},
      {"positive control: beta with C", withModel("Lapicque", R"({"beta":0.8,"C":2})"), kAccepted},
      {"positive control: beta false is absent", withModel("Lapicque", R"({"beta":false,"R":1,"C":2})"), kAccepted},
      {"positive control: beta null is absent", withModel("Lapicque", R"({"beta":null,"R":1,"C":2})"), kAccepted},
      {"positive control: EulerLIF", withModel("EulerLIF", R"({"R":5,"C":0.1,"time_step":1e-3})"), kAccepted},
      // Lapicque: beta (C = time_step / (R ln(1/beta)) has no value for beta <= 0)
      {"Lapicque: beta 0", withModel("Lapicque", R"({"beta":0})"), Kind::Range, "constructor.beta", {"Lapicque: beta must be > 0", "got 0"}},
      {"Lapicque: beta below 0", withModel("Lapicque", R"({"beta":-0.5})"), Kind::Range, "constructor.beta", {"Lapicque: beta must be > 0", "got -0.5"}},
      {"Lapicque: beta must be one number (no per-neuron list)", withModel("Lapicque", R"({"beta":[0.5]})"), Kind::Type, "constructor.beta",
       {"constructor.beta must be a number", "got an array of 1 items"}},
      {"Lapicque: beta true", withModel("Lapicque", R"({"beta":true})"), Kind::Type, "constructor.beta", {"constructor.beta must be a number", "got true"}},
      // Lapicque: beta, or R and C
      {"Lapicque: beta, R and C all three", withModel("Lapicque", R"({"beta":0.8,"R":1,"C":2})"), Kind::Invalid, "constructor",
       {"Lapicque: give beta, or R and C", "not all three"}},
      {"Lapicque: R only", withModel("Lapicque", R"({"R":1})"), Kind::Invalid, "constructor", {"Lapicque: needs beta, or both R and C", "got R only"}},
      {"Lapicque: C only", withModel("Lapicque", R"({"C":1})"), Kind::Invalid, "constructor", {"Lapicque: needs beta, or both R and C", "got C only"}},
      {"Lapicque: neither beta nor R and C", withModel("Lapicque", "{}"), Kind::Invalid, "constructor",
       {"Lapicque: needs beta, or both R and C", "got neither"}},
      // Lapicque: R, C, time_step
      {"Lapicque: R 0", withModel("Lapicque", R"({"R":0,"C":1})"), Kind::Range, "constructor.R", {"Lapicque: R must be > 0, got 0"}},
      {"Lapicque: R negative", withModel("Lapicque", R"({"R":-2,"C":1})"), Kind::Range, "constructor.R", {"Lapicque: R must be > 0, got -2"}},
      {"Lapicque: C 0", withModel("Lapicque", R"({"R":1,"C":0})"), Kind::Range, "constructor.C", {"Lapicque: C must be > 0, got 0"}},
      {"Lapicque: time_step 0", withModel("Lapicque", R"({"R":1,"C":1,"time_step":0})"), Kind::Range, "constructor.time_step",
       {"Lapicque: time_step must be > 0, got 0"}},
      {"Lapicque: R not a number", withModel("Lapicque", R"({"R":"1","C":1})"), Kind::Type, "constructor.R",
       {"constructor.R must be a number", "got the string \"1\""}},
      {"Lapicque: R beyond float32", withModel("Lapicque", R"({"R":1e39,"C":1})"), Kind::Range, "constructor.R",
       {"constructor.R must fit in float32", "got 1e+39"}},
      // Lapicque: derived constants must be finite in float32
      {"Lapicque: R*C overflows float32", withModel("Lapicque", R"({"R":1e38,"C":1e38})"), Kind::Range, "constructor",
       {"R*C is not finite", "R = 1e+38", "C = 1e+38"}},
      {"Lapicque: R*C underflows float32 (1/(R*C) infinite)", withModel("Lapicque", R"({"R":1e-30,"C":1e-30})"), Kind::Range, "constructor",
       {"not finite", "R = 1e-30", "C = 1e-30"}},
      {"Lapicque: beta so small that C underflows", withModel("Lapicque", R"({"beta":1e-45})"), Kind::Range, "constructor", {"Lapicque", "not finite"}},
      {"Lapicque(v0.2.11): same R*C rule", withModel("Lapicque(v0.2.11)", R"({"R":1e-30,"C":1e-30})"), Kind::Range, "constructor",
       {"Lapicque(v0.2.11)", "not finite"}},
      // EulerLIF (dt/tau = 1e60 would overflow the float32 the layer keeps: mem = inf, NaN, ...)
      {"EulerLIF: R without C", withModel("EulerLIF", R"({"R":5})"), Kind::Invalid, "constructor.C", {"EulerLIF: needs both R and C", "got R only"}},
      {"EulerLIF: beta is not one of its keywords", withModel("EulerLIF", R"({"R":5,"C":0.1,"beta":0.5})"), Kind::Invalid, "constructor.beta",
       {"unknown field 'beta' in constructor", "accepted: R, C, time_step"}},
      {"EulerLIF: C 0", withModel("EulerLIF", R"({"R":5,"C":0})"), Kind::Range, "constructor.C", {"EulerLIF: C must be > 0, got 0"}},
      {"EulerLIF: time_step/(R*C) not finite in float32", withModel("EulerLIF", R"({"R":1e-30,"C":1e-30})"), Kind::Range, "constructor*",
       {"EulerLIF: time_step/(R*C) must be a finite positive float32", "got 1e+60", "R 1e-30"}},
  };
  runTable(rows);
  SECTION("explicit: Lapicque beta 1 and above are accepted, as snnTorch computes them: the membrane holds, or grows") {
    // beta = 1: C = time_step / ln(1) is infinite, so the input term vanishes and the decay is 1.
    const snn::Trace held = snn::runScenarioJson(build(withModel("Lapicque", R"({"beta":1})", R"({"/init":{"mem":0.5}})")));
    for (float u : held.find("mem")->data) CHECK(u == 0.5f);
    // beta > 1: C < 0, the decay 1 - ln(1/beta) is above 1: without input the membrane grows.
    const snn::Trace grown = snn::runScenarioJson(
        build(withModel("Lapicque", R"({"beta":1.1})", R"({"/init":{"mem":0.5},"/input":{"constant":{"value":0}}})")));
    const std::vector<float>& mem = grown.find("mem")->data;
    for (std::size_t t = 0; t < mem.size(); ++t) CHECK(mem[t] > (t == 0 ? 0.5f : mem[t - 1]));
  }
}

// ==================================================================================== explicit input
TEST_CASE("validation: explicit input arrays", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: [T][N]", leaky(R"({"/num_steps":"<erase>","/input":[[1,2,3],[4,5,6]]})"), kAccepted},
      {"positive control: [T] for one neuron", leaky(R"({"/num_steps":"<erase>","/input":[0.5,0.25]})"), kAccepted},
      {"positive control: network [T][in]", network(R"({"/num_steps":"<erase>","/input":[[1,2],[3,4]]})"), kAccepted},
      {"positive control: network [T][batch][in]", network(R"({"/num_steps":"<erase>","/input":[[[1,2],[1,2]],[[1,2],[1,2]]]})"), kAccepted},
      {"positive control: network [T][batch][in] with batch_size",
       network(R"({"/num_steps":"<erase>","/input":[[[1,2],[1,2]],[[1,2],[1,2]]],"/batch_size":2})"), kAccepted},
      // a population's rows
      {"input row of the wrong length", leaky(R"({"/input":[[1,2,3,4,5],[1,2,3,4,5],[1,2,3,4,5],[1,2,3,4],[1,2,3,4,5]]})"), Kind::Type,
       "input[3]", {"input row 3 has 4 values, expected 5"}},
      {"input rows narrower than num_neurons", leaky(R"({"/num_neurons":3,"/input":[[1,2],[1,2],[1,2],[1,2],[1,2]]})"), Kind::Type,
       "input[0]", {"input row 0 has 2 values, expected 3"}},
      {"input row not an array", leaky(R"({"/num_steps":"<erase>","/input":[[1,2],"x"]})"), Kind::Type, "input[1]",
       {"input row 1 must be an array", "got the string \"x\""}},
      {"input value not a number", leaky(R"({"/num_steps":"<erase>","/input":[[1,2],[1,"x"]]})"), Kind::Type, "input[1][1]",
       {"input[1][1] must be a number", "got the string \"x\""}},
      {"input value beyond float32", leaky(R"({"/num_steps":"<erase>","/input":[[1,2],[1,1e39]]})"), Kind::Range, "input[1][1]",
       {"input[1][1] must fit in float32", "got 1e+39"}},
      // a network's rows
      {"network: input batch rows differ from batch_size",
       network(R"({"/num_steps":"<erase>","/batch_size":2,"/input":[[[1,2],[1,2],[1,2]],[[1,2],[1,2],[1,2]]]})"), Kind::Type, "input",
       {"input rows have 3 batch rows, but batch_size is 2"}},
      {"network: one input row with a different number of batch rows",
       network(R"({"/num_steps":"<erase>","/batch_size":2,"/input":[[[1,2],[1,2]],[[1,2]]]})"), Kind::Type, "input[1]",
       {"input row 1 has 1 batch rows, expected 2"}},
      {"network: a batch row of the wrong width", network(R"({"/num_steps":"<erase>","/input":[[[1,2],[1,2]],[[1,2],[1,2,3]]]})"),
       Kind::Type, "input[1][1]", {"input row 1 batch 1 has 3 values, expected 2"}},
      {"network: a batch row that is not an array", network(R"({"/num_steps":"<erase>","/batch_size":2,"/input":[[1,2],[1,2]]})"),
       Kind::Type, "input[0][0]", {"input row 0 batch 0", "expected 2", "got 1"}},
      {"network: flat row of the wrong width", network(R"({"/num_steps":"<erase>","/input":[[1,2],[1,2,3]]})"), Kind::Type, "input[1]",
       {"input row 1 has 3 values, expected 2"}},
  };
  runTable(rows);
}

// ======================================================================================= generators
TEST_CASE("validation: input generators", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: constant", withInput(R"({"constant":{"value":0.5}})"), kAccepted},
      {"positive control: constant uniform", withInput(R"({"constant":{"value":{"uniform":[0,1],"seed":3}}})"), kAccepted},
      {"positive control: step", withInput(R"({"step":{"amplitude":1,"start":1,"stop":3}})"), kAccepted},
      {"positive control: pulses", withInput(R"({"pulses":[{"start":1,"width":2,"amplitude":0.5},{"start":4}]})"), kAccepted},
      {"positive control: periodic", withInput(R"({"periodic":{"amplitude":1,"period":2,"start":0,"stop":5}})"), kAccepted},
      {"positive control: noise", withInput(R"({"noise":{"low":-1,"high":1,"seed":9}})"), kAccepted},
      {"positive control: rate of values",
       withInput(R"({"rate":{"values":0.5,"gain":1,"offset":0,"first_spike_time":1,"amplitude":2,"seed":1}})"), kAccepted},
      {"positive control: rate p", withInput(R"({"rate":{"p":0.5}})"), kAccepted},
      {"positive control: rate of a generator", withInput(R"({"rate":{"of":{"noise":{}}}})"), kAccepted},
      {"positive control: latency", withInput(R"({"latency":{"values":0.5,"tau":1,"threshold":0.01,"clip":true}})"), kAccepted},
      {"positive control: delta",
       withInput(R"({"delta":{"of":{"step":{"amplitude":1,"start":2}},"threshold":0.1,"padding":true,"off_spike":true}})"), kAccepted},
      {"positive control: sum", withInput(R"({"sum":[{"constant":{"value":0.5}},{"noise":{}},[0,1,0,1,0]]})"), kAccepted},
      {"positive control: nesting 16 levels (15 sums + constant)", withInput(nested("sum", 15)), kAccepted},
      // the generator object
      {"input neither an array nor a generator object", withInput("5"), Kind::Type, "input",
       {"input must be an array of rows or a generator object", "got 5"}},
      {"generator object with two keys", withInput(R"({"constant":{"value":0.5},"step":{"amplitude":1}})"), Kind::Type, "input",
       {"input must be an array of rows or a generator object with one key", "got an object"}},
      {"unknown generator", withInput(R"({"ramp":{"value":0.5}})"), Kind::Invalid, "input.ramp",
       {"unknown input generator 'ramp'", "accepted: constant, step"}},
      // constant, and values (shared by the generators that take per-neuron values)
      {"constant: body not an object", withInput(R"({"constant":0.5})"), Kind::Type, "input.constant",
       {"input.constant must be a JSON object", "got 0.5"}},
      {"constant: value missing", withInput(R"({"constant":{}})"), Kind::Invalid, "input.constant.value", {"input.constant.value is required"}},
      {"constant: unknown field", withInput(R"({"constant":{"value":0.5,"foo":1}})"), Kind::Invalid, "input.constant.foo",
       {"unknown field 'foo' in input.constant", "accepted: value"}},
      {"values: wrong type", withInput(R"({"constant":{"value":"a"}})"), Kind::Type, "input.constant.value",
       {"input.constant.value must be a number, an array, or {\"uniform\"", "got the string \"a\""}},
      {"values: wrong length", withInput(R"({"constant":{"value":[1,2,3]}})", R"({"/num_neurons":2})"), Kind::Type, "input.constant.value",
       {"input.constant.value has 3 values, expected one number, 2 values (one per neuron)"}},
      {"values: element beyond float32", withInput(R"({"constant":{"value":[1,1e39]}})", R"({"/num_neurons":2})"), Kind::Range,
       "input.constant.value[1]", {"input.constant.value[1] must fit in float32", "got 1e+39"}},
      {"values: object without uniform", withInput(R"({"constant":{"value":{"seed":1}}})"), Kind::Type, "input.constant.value",
       {"input.constant.value must be a number, an array, or {\"uniform\"", "got an object"}},
      {"values: unknown field next to uniform", withInput(R"({"constant":{"value":{"uniform":[0,1],"low":0}}})"), Kind::Invalid,
       "input.constant.value.low", {"unknown field 'low' in input.constant.value", "accepted: uniform, seed"}},
      {"values: uniform not [low, high]", withInput(R"({"constant":{"value":{"uniform":[0]}}})"), Kind::Type,
       "input.constant.value.uniform", {"input.constant.value.uniform must be [low, high]", "got an array of 1 items"}},
      {"values: uniform low > high", withInput(R"({"constant":{"value":{"uniform":[0.9,0.1]}}})"), Kind::Range,
       "input.constant.value.uniform", {"input.constant.value.uniform: low (0.9) must be <= high (0.1)"}},
      {"values: uniform seed negative", withInput(R"({"constant":{"value":{"uniform":[0,1],"seed":-3}}})"), Kind::Range,
       "input.constant.value.seed", {"input.constant.value.seed must be a whole number 0..2^53-1", "got -3"}},
      {"network values: [batch][width] with a row of the wrong width",
       network(R"({"/batch_size":2,"/input":{"constant":{"value":[[1,2],[3,4,5]]}}})"), Kind::Type, "input.constant.value[1]",
       {"input.constant.value[1] must have 2 values", "got an array of 3 items"}},
      {"network values: neither [in] nor [batch][in]", network(R"({"/batch_size":2,"/input":{"constant":{"value":[1,2,3]}}})"),
       Kind::Type, "input.constant.value",
       {"input.constant.value has 3 values, expected one number, 2 values (one per input), or [2][2]"}},
      // step
      {"step: amplitude missing", withInput(R"({"step":{"start":1}})"), Kind::Invalid, "input.step.amplitude", {"input.step.amplitude is required"}},
      {"step: start negative", withInput(R"({"step":{"amplitude":1,"start":-1}})"), Kind::Range, "input.step.start",
       {"input.step.start must be 0..1000000, got -1"}},
      {"step: start above the step limit", withInput(R"({"step":{"amplitude":1,"start":1000001}})"), Kind::Range, "input.step.start",
       {"input.step.start must be 0..1000000, got 1000001"}},
      {"step: stop fractional", withInput(R"({"step":{"amplitude":1,"stop":1.5}})"), Kind::Range, "input.step.stop",
       {"input.step.stop must be 0..1000000, got 1.5"}},
      {"step: unknown field", withInput(R"({"step":{"amplitude":1,"duration":3}})"), Kind::Invalid, "input.step.duration",
       {"unknown field 'duration' in input.step", "accepted: amplitude, start, stop"}},
      // pulses
      {"pulses: not an array", withInput(R"({"pulses":{"start":1}})"), Kind::Type, "input.pulses",
       {"input.pulses must be an array of {start, width, amplitude}", "got an object"}},
      {"pulses: element not an object", withInput(R"({"pulses":[5]})"), Kind::Type, "input.pulses[0]",
       {"input.pulses[0] must be a JSON object", "got 5"}},
      {"pulses: start missing", withInput(R"({"pulses":[{"width":2}]})"), Kind::Invalid, "input.pulses[0].start",
       {"input.pulses[0].start is required"}},
      {"pulses: unknown field", withInput(R"({"pulses":[{"start":1,"height":2}]})"), Kind::Invalid, "input.pulses[0].height",
       {"unknown field 'height' in input.pulses[0]", "accepted: start, width, amplitude"}},
      {"pulses: width negative", withInput(R"({"pulses":[{"start":1,"width":-2}]})"), Kind::Range, "input.pulses[0].width",
       {"input.pulses[0].width must be 1..1000000, got -2"}},
      // periodic
      {"periodic: period missing", withInput(R"({"periodic":{"amplitude":1}})"), Kind::Invalid, "input.periodic.period",
       {"input.periodic.period is required"}},
      {"periodic: period 0", withInput(R"({"periodic":{"period":0}})"), Kind::Range, "input.periodic.period",
       {"input.periodic.period must be 1..1000000, got 0"}},
      {"periodic: unknown field", withInput(R"({"periodic":{"period":2,"phase":1}})"), Kind::Invalid, "input.periodic.phase",
       {"unknown field 'phase' in input.periodic", "accepted: amplitude, period, start, stop"}},
      // noise
      {"noise: low > high", withInput(R"({"noise":{"low":1,"high":0}})"), Kind::Range, "input.noise", {"input.noise: low (1) must be <= high (0)"}},
      {"noise: low not a number", withInput(R"({"noise":{"low":"0"}})"), Kind::Type, "input.noise.low",
       {"input.noise.low must be a number", "got the string \"0\""}},
      {"noise: seed fractional", withInput(R"({"noise":{"seed":1.5}})"), Kind::Range, "input.noise.seed",
       {"input.noise.seed must be a whole number 0..2^53-1", "got 1.5"}},
      {"noise: unknown field", withInput(R"({"noise":{"mean":0}})"), Kind::Invalid, "input.noise.mean",
       {"unknown field 'mean' in input.noise", "accepted: low, high, seed"}},
      // rate
      {"rate: none of values, p, of", withInput(R"({"rate":{"gain":2}})"), Kind::Invalid, "input.rate",
       {"input.rate needs exactly one of values", "of"}},
      {"rate: two of values, p, of", withInput(R"({"rate":{"values":0.5,"p":0.5}})"), Kind::Invalid, "input.rate",
       {"input.rate needs exactly one of values"}},
      {"rate: first_spike_time >= num_steps", withInput(R"({"rate":{"values":0.5,"first_spike_time":5}})"), Kind::Range,
       "input.rate.first_spike_time", {"input.rate.first_spike_time must be 0..4, got 5"}},
      {"rate: amplitude not a number", withInput(R"({"rate":{"values":0.5,"amplitude":"x"}})"), Kind::Type, "input.rate.amplitude",
       {"input.rate.amplitude must be a number", "got the string \"x\""}},
      {"rate: values beyond float32", withInput(R"({"rate":{"values":1e39}})"), Kind::Range, "input.rate.values",
       {"input.rate.values must fit in float32", "got 1e+39"}},
      {"rate: unknown field", withInput(R"({"rate":{"values":0.5,"foo":5}})"), Kind::Invalid, "input.rate.foo",
       {"unknown field 'foo' in input.rate", "accepted: values, p, of"}},
      // latency
      {"latency: values missing", withInput(R"({"latency":{"tau":5}})"), Kind::Invalid, "input.latency.values",
       {"input.latency.values is required"}},
      {"latency: values outside [0, 1]", withInput(R"({"latency":{"values":1.5}})"), Kind::Range, "input.latency.values*",
       {"must be in [0, 1], got 1.5"}},
      {"latency: threshold outside (0, 1)", withInput(R"({"latency":{"values":0.5,"threshold":1.5}})"), Kind::Range,
       "input.latency.threshold", {"threshold must be in (0, 1)", "got 1.5"}},
      {"latency: tau 0", withInput(R"({"latency":{"values":0.5,"tau":0}})"), Kind::Range, "input.latency.tau",
       {"tau must be finite and > 0, got 0"}},
      {"latency: first_spike_time negative", withInput(R"({"latency":{"values":0.5,"first_spike_time":-1}})"), Kind::Range,
       "input.latency.first_spike_time", {"first_spike_time must be finite and >= 0, got -1"}},
      {"latency: first_spike_time after the last step", withInput(R"({"latency":{"values":0.5,"first_spike_time":7}})"), Kind::Range,
       "input.latency.first_spike_time", {"first_spike_time must be in [0, num_steps-1] = [0, 4], got 7"}},
      {"latency: epsilon 0", withInput(R"({"latency":{"values":0.5,"epsilon":0}})"), Kind::Range, "input.latency.epsilon",
       {"epsilon must be > 0", "got 0"}},
      {"latency: latest spike after the last step", withInput(R"({"latency":{"values":0.05,"tau":100}})"), Kind::Range,
       "input.latency*", {"num_steps must be at least 23", "got num_steps = 5"}},
      {"latency: boolean option of the wrong type", withInput(R"({"latency":{"values":0.5,"clip":1}})"), Kind::Type,
       "input.latency.clip", {"input.latency.clip must be true or false", "got 1"}},
      {"latency: unknown field", withInput(R"({"latency":{"values":0.5,"foo":1}})"), Kind::Invalid, "input.latency.foo",
       {"unknown field 'foo' in input.latency", "accepted: values, tau"}},
      // delta
      {"delta: of missing", withInput(R"({"delta":{"threshold":0.1}})"), Kind::Invalid, "input.delta.of",
       {"input.delta.of (the input to differentiate) is required"}},
      {"delta: threshold not a number", withInput(R"({"delta":{"of":{"constant":{"value":0.5}},"threshold":"x"}})"), Kind::Type,
       "input.delta.threshold", {"input.delta.threshold must be a number", "got the string \"x\""}},
      {"delta: padding not a boolean", withInput(R"({"delta":{"of":{"constant":{"value":0.5}},"padding":2}})"), Kind::Type,
       "input.delta.padding", {"input.delta.padding must be true or false", "got 2"}},
      {"delta: of is an explicit array of the wrong length", withInput(R"({"delta":{"of":[1,2]}})"), Kind::Type, "input.delta.of",
       {"input.delta.of has 2 rows, expected 5 (num_steps)"}},
      {"delta: unknown field", withInput(R"({"delta":{"of":{"constant":{"value":0.5}},"foo":1}})"), Kind::Invalid, "input.delta.foo",
       {"unknown field 'foo' in input.delta", "accepted: of, threshold, padding, off_spike"}},
      // sum
      {"sum: empty", withInput(R"({"sum":[]})"), Kind::Type, "input.sum", {"input.sum must be a non-empty array of inputs", "got an array of 0 items"}},
      {"sum: not an array", withInput(R"({"sum":{"constant":{"value":1}}})"), Kind::Type, "input.sum",
       {"input.sum must be a non-empty array of inputs", "got an object"}},
      {"sum: a term that is not an input", withInput(R"({"sum":[{"constant":{"value":1}},5]})"), Kind::Type, "input.sum[1]",
       {"input.sum[1] must be an array of rows or a generator object", "got 5"}},
      {"sum: an explicit term of the wrong length", withInput(R"({"sum":[{"constant":{"value":1}},[1,2,3]]})"), Kind::Type, "input.sum[1]",
       {"input.sum[1] has 3 rows, expected 5 (num_steps)"}},
      // nesting
      {"nesting: 17 levels refused (16 sums + constant)", withInput(nested("sum", 16)), Kind::Limit, "input" + repeat(".sum[0]", 16),
       {"nests generators more than 16 levels deep"}},
      {"nesting: through rate.of and delta.of as well", withInput(nested("delta", 16)), Kind::Limit, "input.delta.of*",
       {"nests generators more than 16 levels deep"}},
      // values that fit in float32 but whose sum does not
      {"sum: terms that overflow float32 together", withInput(R"({"sum":[{"constant":{"value":3e38}},{"constant":{"value":3e38}}]})"),
       Kind::Range, "input", {"input overflows float32 at row 0, value 0 (Infinity)", "use smaller values"}},
      {"sum: overflow on a later row names the row",
       withInput(R"({"sum":[{"step":{"amplitude":3e38,"start":2}},{"constant":{"value":3e38}}]})"), Kind::Range, "input",
       {"input overflows float32 at row 2", "use smaller values"}},
  };
  runTable(rows);
}

// ========================================================================================== network
TEST_CASE("validation: network layers", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: a network", network(), kAccepted},
      {"positive control: with weights, bias, batch and seed",
       network(R"({"/layers/0/weight":[[1,2],[3,4],[5,6]],"/layers/0/bias":[0.1,0.2,0.3],"/batch_size":2,"/seed":7})"), kAccepted},
      {"positive control: two layer pairs, no bias",
       network(R"({"/layers/0/weight":[[1,2],[3,4],[5,6]],"/layers/0/bias":false,"/batch_size":2,"/seed":7,
                   "/layers/2":{"type":"Linear","in":3,"out":1},"/layers/3":{"type":"Synaptic","alpha":0.9,"beta":0.8}})"), kAccepted},
      // single-population fields
      {"single-population field in a network: constructor", network(R"({"/constructor":{}})"), Kind::Invalid, "layers",
       {"a network takes its parameters in layers", "constructor"}},
      {"single-population field in a network: init", network(R"({"/init":{}})"), Kind::Invalid, "layers",
       {"a network takes its parameters in layers", "init"}},
      {"single-population field in a network: num_neurons", network(R"({"/num_neurons":3})"), Kind::Invalid, "layers",
       {"a network takes its parameters in layers", "num_neurons"}},
      {"single-population field in a network: spike_timing", network(R"({"/spike_timing":"after_update"})"), Kind::Invalid, "layers",
       {"a network takes its parameters in layers", "spike_timing"}},
      // the layers array
      {"layers not an array", network(R"({"/layers":{"type":"Linear"}})"), Kind::Type, "layers",
       {"layers must be an array of Linear / neuron pairs (2..64 entries)", "got an object"}},
      {"layers empty", network(R"({"/layers":[]})"), Kind::Type, "layers", {"(2..64 entries)", "got an array of 0 items"}},
      {"layers of odd length", network(R"({"/layers/2":{"type":"Linear","in":3,"out":3}})"), Kind::Type, "layers",
       {"Linear / neuron pairs", "got an array of 3 items"}},
      {"more than 64 layers", network(layerPairs(33)), Kind::Type, "layers", {"(2..64 entries)", "got an array of 66 items"}},
      // Linear entries
      {"Linear entry not an object", network(R"({"/layers/0":5})"), Kind::Type, "layers[0]", {"layers[0] must be a JSON object", "got 5"}},
      {"Linear entry with an unknown field", network(R"({"/layers/0/act":1})"), Kind::Invalid, "layers[0].act",
       {"unknown field 'act' in layers[0]", "accepted: type, in, out, weight, bias"}},
      {"layers do not alternate (neuron first)",
       network(R"({"/layers/0":{"type":"Leaky","beta":0.9},"/layers/1":{"type":"Linear","in":2,"out":3}})"), Kind::Invalid,
       "layers[0].beta", {"unknown field 'beta' in layers[0]"}},
      {"Linear entry without type", network(R"({"/layers/0/type":"<erase>"})"), Kind::Invalid, "layers[0].type",
       {"layers[0].type must be \"Linear\"", "got nothing"}},
      {"Linear entry of another type", network(R"({"/layers/0/type":"Conv2d"})"), Kind::Invalid, "layers[0].type",
       {"layers[0].type must be \"Linear\"", "got the string \"Conv2d\""}},
      {"Linear without out", network(R"({"/layers/0/out":"<erase>"})"), Kind::Invalid, "layers[0]", {"layers[0] needs in and out"}},
      {"Linear in 0", network(R"({"/layers/0/in":0})"), Kind::Range, "layers[0].in", {"layers[0].in must be 1..4000000, got 0"}},
      {"Linear out fractional", network(R"({"/layers/0/out":3.5})"), Kind::Range, "layers[0].out", {"layers[0].out must be 1..4000000, got 3.5"}},
      {"Linear in differs from the previous out",
       network(R"({"/layers/2":{"type":"Linear","in":4,"out":1},"/layers/3":{"type":"Leaky","beta":0.9}})"), Kind::Invalid,
       "layers[2].in", {"layers[2].in must equal the previous layer's out (3), got 4"}},
      // weight and bias
      {"weight not [out][in]", network(R"({"/layers/0/weight":[[1,2],[3,4]]})"), Kind::Type, "layers[0].weight",
       {"layers[0].weight must be [out][in] = [3][2]", "got an array of 2 items"}},
      {"weight not an array", network(R"({"/layers/0/weight":"eye"})"), Kind::Type, "layers[0].weight",
       {"layers[0].weight must be [out][in] = [3][2]", "got the string \"eye\""}},
      {"weight row of the wrong length", network(R"({"/layers/0/weight":[[1,2],[3,4],[5,6,7]]})"), Kind::Type, "layers[0].weight[2]",
       {"layers[0].weight[2] must have 2 values", "got an array of 3 items"}},
      {"weight value beyond float32", network(R"({"/layers/0/weight":[[1,2],[3,4],[5,1e39]]})"), Kind::Range, "layers[0].weight[2][1]",
       {"layers[0].weight[2][1] must fit in float32", "got 1e+39"}},
      {"bias of the wrong length", network(R"({"/layers/0/bias":[1,2]})"), Kind::Type, "layers[0].bias",
       {"layers[0].bias has 2 values, expected 3 (out)"}},
      {"bias of the wrong type", network(R"({"/layers/0/bias":"zero"})"), Kind::Type, "layers[0].bias",
       {"layers[0].bias must be an array of out values, true (default init) or false (no bias)", "got the string \"zero\""}},
      {"bias null", network(R"({"/layers/0/bias":null})"), Kind::Type, "layers[0].bias",
       {"layers[0].bias must be an array of out values", "got null"}},
      {"bias value not a number", network(R"({"/layers/0/bias":[1,2,"x"]})"), Kind::Type, "layers[0].bias[2]",
       {"layers[0].bias[2] must be a number", "got the string \"x\""}},
      // neuron entries
      {"neuron entry not an object", network(R"({"/layers/1":5})"), Kind::Type, "layers[1]", {"layers[1] must be a JSON object", "got 5"}},
      {"neuron entry without type", network(R"({"/layers/1/type":"<erase>"})"), Kind::Invalid, "layers[1].type",
       {"layers[1].type must name a neuron model"}},
      {"neuron entry with a type that is not a string", network(R"({"/layers/1/type":7})"), Kind::Invalid, "layers[1].type",
       {"layers[1].type must name a neuron model", "got 7"}},
      {"neuron entry of an unknown model (two Linear in a row)", network(R"({"/layers/1":{"type":"Linear","in":3,"out":3}})"),
       Kind::Invalid, "layers[1].type", {"unknown model 'Linear'", "accepted:"}},
      {"neuron entry: its constructor rules apply with the layer's path", network(R"({"/layers/1/beta":"<erase>"})"), Kind::Invalid,
       "layers[1].beta", {"Leaky: beta is required"}},
      {"neuron entry: per-neuron list sized by the layer's out", network(R"({"/layers/1/beta":[0.1,0.2]})"), Kind::Type, "layers[1].beta",
       {"layers[1].beta has 2 values, expected 1 or 3 (one per neuron)"}},
      {"neuron entry with an unknown field", network(R"({"/layers/1/gamma":1})"), Kind::Invalid, "layers[1].gamma",
       {"unknown field 'gamma' in layers[1]", "accepted: beta"}},
      // batch_size
      {"batch_size 0", network(R"({"/batch_size":0})"), Kind::Range, "batch_size", {"batch_size must be 1..4096, got 0"}},
      {"batch_size above the limit", network(R"({"/batch_size":4097})"), Kind::Range, "batch_size", {"batch_size must be 1..4096, got 4097"}},
  };
  runTable(rows);
}

// =========================================================================================== record
TEST_CASE("validation: record", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: recording an array of a population", leaky(R"({"/record":["mem"]})"), kAccepted},
      {"positive control: recording arrays of a network", network(R"({"/record":["spk1","cur1"]})"), kAccepted},
      {"positive control: ranges of neurons (the network's layer has 3)", network(R"({"/record":["spk1[0:1]","mem1[:3]","cur1[2:]"]})"), kAccepted},
      {"record not an array", leaky(R"({"/record":"mem"})"), Kind::Type, "record",
       {"record must be a non-empty array of array names", "got the string \"mem\""}},
      {"record entry not a string", leaky(R"({"/record":[1]})"), Kind::Type, "record[0]", {"record[0] must be a string", "got 1"}},
      {"record names an array the population does not produce", leaky(R"({"/record":["syn"]})"), Kind::Invalid, "record[0]",
       {"record names 'syn'", "it produces: spk, mem"}},
      {"record names an array the network does not produce", network(R"({"/record":["spk1","mem2"]})"), Kind::Invalid, "record[1]",
       {"record names 'mem2'", "it produces: cur1, spk1, mem1"}},
      // ranges that are empty, reversed, too long or not numbers (the population has one neuron)
      badRange("mem[0:0]"),
      badRange("mem[1:0]"),
      badRange("mem[0:2]"),
      badRange("mem[a:1]"),
      badRange("mem[-1:1]"),
      badRange("mem[0:1"),
      badRange("mem[]"),
      badRange("mem[0]"),
      badRange("mem[0:1]x"),
      badRange("mem[ 0:1]"),
      badRange("mem[0:99999999999]"),
      {"record names an array twice, once with a range", leaky(R"({"/record":["mem[0:1]","mem"]})"), Kind::Invalid, "record[1]",
       {"record names 'mem' twice"}},
      {"record range of an array the population does not produce", leaky(R"({"/record":["syn[0:1]"]})"), Kind::Invalid, "record[0]",
       {"record names 'syn'", "it produces: spk, mem"}},
  };
  runTable(rows);
}

// =========================================================================================== limits
TEST_CASE("validation: size limits", "[validation]") {
  static const std::vector<Rule> rows = {
      {"positive control: a population just under the limits (16M recorded + 16M input < 32M)",
       leaky(R"({"/num_steps":1000000,"/num_neurons":16,"/record":["mem"]})"), kAccepted},
      {"positive control: a network just under the limits (999 x (2000 + 4M) updates < 4e9)",
       network(R"({"/layers/0/in":2000,"/layers/0/out":2000,"/num_steps":999})"), kAccepted},
      {"input values over the limit (1000000 steps x 34 neurons)", leaky(R"({"/num_steps":1000000,"/num_neurons":34,"/record":["mem"]})"),
       Kind::Limit, "input", {"scenario too large: the input alone would hold 34000000 values", "33554432"}},
      {"trace values over the limit", leaky(R"({"/num_steps":1000000,"/num_neurons":20})"), Kind::Limit, "num_steps",
       {"scenario too large: it would keep 60000000 values", "1000000 steps x 40 recorded values per step",
        "over the limit of 33554432", "record"}},
      {"an empty record list is refused (it cannot bypass the trace limit)",
       leaky(R"({"/num_steps":1000000,"/num_neurons":33,"/record":[]})"), Kind::Type, "record",
       {"record must be a non-empty array", "got an array of 0 items"}},
      {"neuron and synapse updates over the work limit", network(R"({"/layers/0/in":2000,"/layers/0/out":2000,"/num_steps":1000})"),
       Kind::Limit, "num_steps", {"scenario too large: 4002000000 neuron and synapse updates", "over the limit of 4000000000"}},
      {"weights of one Linear over the limit", network(R"({"/layers/0/in":4097,"/layers/0/out":4096})"), Kind::Limit, "layers",
       {"the network has 16781312 weights in all, over the limit of 16777216"}},
      {"out x batch_size over the neuron limit", network(R"({"/layers/0/in":1,"/layers/0/out":1000,"/batch_size":4096})"), Kind::Limit,
       "layers[0].out", {"layers[0].out x batch_size = 1000 x 4096 exceeds the limit of 4000000"}},
  };
  runTable(rows);
  // The refusal is a row; the memory touched before it is not.
  SECTION("explicit: a huge population fails fast, before allocating") {
    const long before = peakRssKiB();
    check(Rule{"a huge population", leaky(R"({"/num_steps":1000000,"/num_neurons":4000000})"), Kind::Limit, "*",
               {"scenario too large", "over the limit of 33554432"}});
    CHECK(peakRssKiB() - before < 32 * 1024);
  }
  SECTION("explicit: a huge network fails fast, before allocating its weights") {
    // Sizes are read and checked before any Linear is allocated.
    const long before = peakRssKiB();
    check(Rule{"a huge network",
               network(R"({"/layers":[{"type":"Linear","in":4096,"out":4096},{"type":"Leaky","beta":0.9},
                                      {"type":"Linear","in":4096,"out":4096},{"type":"Leaky","beta":0.9}],"/num_steps":1000000})"),
               Kind::Limit, "*", {"over the limit"}});
    CHECK(peakRssKiB() - before < 32 * 1024);
  }
}

// ==================================================================================== parseNeuronDef
TEST_CASE("validation: parseNeuronDef", "[validation]") {
  static const std::vector<CallRule> rows = {
      {"positive control: the most neurons", neuronDef("Leaky", R"({"beta":0.8})", snn::limits::kMaxNeurons), kAccepted},
      {"neurons 0", neuronDef("Leaky", R"({"beta":0.8})", 0), Kind::Range, "num_neurons", {"num_neurons must be 1..4000000, got 0"}},
      {"neurons above the limit", neuronDef("Leaky", R"({"beta":0.8})", snn::limits::kMaxNeurons + 1), Kind::Range, "num_neurons",
       {"num_neurons must be 1..4000000, got 4000001"}},
      {"kwargs not JSON", neuronDef("Leaky", R"({"beta":)", 1), Kind::Type, "constructor", {"constructor is not valid JSON"}},
      {"kwargs not an object", neuronDef("Leaky", "[0.8]", 1), Kind::Type, "constructor",
       {"constructor must be a JSON object", "got an array of 1 items"}},
      {"unknown model", neuronDef("Izhikevich", "{}", 1), Kind::Invalid, "model", {"unknown model 'Izhikevich'", "accepted:"}},
      {"same constructor rules (per-neuron list length)", neuronDef("Leaky", R"({"beta":[0.1,0.2,0.3]})", 2), Kind::Type,
       "constructor.beta", {"constructor.beta has 3 values, expected 1 or 2 (one per neuron)"}},
      {"same constructor rules (Alpha alpha <= beta)", neuronDef("Alpha", R"({"alpha":0.25,"beta":0.5})", 1), Kind::Range,
       "constructor.alpha", {"Alpha: alpha (0.25) must be greater than beta (0.5)"}},
      {"1e999 in kwargs", neuronDef("Leaky", R"({"beta":1e999})", 1), Kind::Type, "constructor", {"constructor is not valid JSON", "1e999"}},
  };
  runTable(rows);
  SECTION("explicit: the definition parsed") {
    const snn::NeuronDef def = snn::parseNeuronDef("Alpha", R"({"alpha":0.9,"beta":[0.8,0.7]})", 2);
    CHECK(def.model == snn::ModelKind::Alpha);
    CHECK(def.beta.size() == 2);
  }
}

// ========================================================================= the JS API's other checks
// Objects the JS API builds piece by piece (populations, layers, runs) are checked by these, with the
// Scenario's limits and messages.
TEST_CASE("validation: the JS API's size, value, initial state, record, input and layers checks", "[validation]") {
  static const std::vector<CallRule> rows = {
      // checkPopulationSize(neurons, batch)
      {"population: the most neurons", CALL(snn::checkPopulationSize(4000000, 1)), kAccepted},
      {"population: neurons x batch at the limit", CALL(snn::checkPopulationSize(1000, 4000)), kAccepted},
      {"population: 0 neurons", CALL(snn::checkPopulationSize(0, 1)), Kind::Range, "num_neurons", {"num_neurons must be 1..4000000, got 0"}},
      {"population: fractional neurons", CALL(snn::checkPopulationSize(1.5, 1)), Kind::Range, "num_neurons", {"num_neurons must be 1..4000000, got 1.5"}},
      {"population: NaN neurons", CALL(snn::checkPopulationSize(NAN, 1)), Kind::Range, "num_neurons", {"num_neurons must be 1..4000000, got NaN"}},
      {"population: batch 0", CALL(snn::checkPopulationSize(1, 0)), Kind::Range, "batch_size", {"batch_size must be 1..4096, got 0"}},
      {"population: batch above the limit", CALL(snn::checkPopulationSize(1, 4097)), Kind::Range, "batch_size", {"batch_size must be 1..4096, got 4097"}},
      {"population: neurons x batch over the limit", CALL(snn::checkPopulationSize(1000, 4096)), Kind::Limit, "num_neurons",
       {"num_neurons x batch_size = 1000 x 4096 exceeds the limit of 4000000 neurons"}},
      // checkRunSize(steps, values per step)
      {"run: just under the trace limit", CALL(snn::checkRunSize(1000000, 33)), kAccepted},
      {"run: 0 steps", CALL(snn::checkRunSize(0, 1)), Kind::Range, "num_steps", {"num_steps must be 1..1000000, got 0"}},
      {"run: fractional steps", CALL(snn::checkRunSize(1.5, 1)), Kind::Range, "num_steps", {"num_steps must be 1..1000000, got 1.5"}},
      {"run: steps above the limit", CALL(snn::checkRunSize(1000001, 1)), Kind::Range, "num_steps", {"num_steps must be 1..1000000, got 1000001"}},
      {"run: trace values over the limit", CALL(snn::checkRunSize(1000000, 34)), Kind::Limit, "num_steps",
       {"a run of 1000000 steps would keep 34000000 values, over the limit of 33554432 (128 MiB)"}},
      // checkAdvanceSize(steps, population size)
      {"advance: just under the work limit", CALL(snn::checkAdvanceSize(1000000, 4000)), kAccepted},
      {"advance: 0 steps", CALL(snn::checkAdvanceSize(0, 1)), Kind::Range, "steps", {"steps must be 1..1000000, got 0"}},
      {"advance: over the work limit", CALL(snn::checkAdvanceSize(1000000, 4001)), Kind::Limit, "steps",
       {"advancing 4001 neurons by 1000000 steps is 4001000000 neuron updates", "over the limit of 4000000000", "use fewer steps or neurons"}},
      // checkLinearSize(in, out)
      {"Linear: the most weights", CALL(snn::checkLinearSize(4096, 4096)), kAccepted},
      {"Linear: in 0", CALL(snn::checkLinearSize(0, 3)), Kind::Range, "in_features", {"in_features must be 1..4000000, got 0"}},
      {"Linear: out fractional", CALL(snn::checkLinearSize(3, 2.5)), Kind::Range, "out_features", {"out_features must be 1..4000000, got 2.5"}},
      {"Linear: weights over the limit", CALL(snn::checkLinearSize(4097, 4096)), Kind::Limit, "in_features",
       {"in_features x out_features = 4097 x 4096 weights, over the limit of 16777216"}},
      // checkValueCount(given, expected, field), stepsOfRows(values, steps, row, field)
      {"value count: as expected", CALL(snn::checkValueCount(4, 4, "input")), kAccepted},
      {"value count: other than expected", CALL(snn::checkValueCount(2, 4, "input")), Kind::Type, "input", {"input has 2 values, expected 4"}},
      {"rows: a whole number of steps", CALL(snn::stepsOfRows(6, 0, 2, "input")), kAccepted},
      {"rows: not a whole number of steps", CALL(snn::stepsOfRows(5, 0, 2, "input")), Kind::Type, "input",
       {"input has 5 values, not a whole number of steps of 2"}},
      {"rows: no values", CALL(snn::stepsOfRows(0, 0, 2, "input")), Kind::Type, "input", {"input has 0 values, not a whole number of steps of 2"}},
      {"rows: other than steps x row", CALL(snn::stepsOfRows(6, 4, 2, "input")), Kind::Type, "input", {"input has 6 values, expected 8"}},
      {"rows: more steps than the limit", CALL(snn::stepsOfRows(2000002, 0, 2, "input")), Kind::Range, "num_steps",
       {"num_steps must be 1..1000000, got 1000001"}},
      // checkInputValues(values, n, field)
      {"values: finite", CALL(snn::checkInputValues(std::vector<float>{0.5f, -1.0f}.data(), 2, "input")), kAccepted},
      {"values: NaN", CALL(snn::checkInputValues(std::vector<float>{0.5f, NAN}.data(), 2, "input")), Kind::Range, "input[1]",
       {"input[1] must be a finite number, got NaN"}},
      {"values: -Infinity", CALL(snn::checkInputValues(std::vector<float>{-INFINITY}.data(), 1, "input")), Kind::Range, "input[0]",
       {"input[0] must be a finite number, got -Infinity"}},
      // setInitialState(layer, model, name, values, count): 1 value, one per neuron, or one per neuron and batch row
      {"initial state: one value", initialState("mem", {0.5f}, 2), kAccepted},
      {"initial state: one per neuron", initialState("syn", {0.1f, 0.2f, 0.3f}, 2), kAccepted},
      {"initial state: one per neuron and batch row", initialState("mem", {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 2), kAccepted},
      {"initial state: a state the model does not have", initialState("spk", {0.5f}, 2), Kind::Invalid, "init.spk",
       {"init has no state 'spk' for Synaptic (its states: syn, mem)"}},
      {"initial state: another count", initialState("mem", {0.1f, 0.2f}, 2), Kind::Type, "init.mem",
       {"init.mem has 2 values, expected 1, 3 or 6"}},
      {"initial state: one per neuron and row without batch rows", initialState("mem", {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, 1),
       Kind::Type, "init.mem", {"init.mem has 6 values, expected 1 or 3"}},
      {"initial state: NaN", initialState("syn", {0.1f, NAN, 0.2f}, 2), Kind::Range, "init.syn[1]",
       {"init.syn[1] must be a finite number, got NaN"}},
      // parseRecordNames(json text): the Scenario's record rule
      {"record names: empty text keeps everything", CALL(snn::parseRecordNames("")), kAccepted},
      {"record names: a list", CALL(snn::parseRecordNames(R"(["mem","spk[0:2]"])")), kAccepted},
      {"record names: not JSON", CALL(snn::parseRecordNames("[")), Kind::Type, "record", {"record is not valid JSON"}},
      {"record names: not an array", CALL(snn::parseRecordNames(R"("mem")")), Kind::Type, "record",
       {"record must be a non-empty array of array names", "got the string \"mem\""}},
      {"record names: an empty array", CALL(snn::parseRecordNames("[]")), Kind::Type, "record",
       {"record must be a non-empty array of array names", "got an array of 0 items"}},
      {"record names: an entry not a string", CALL(snn::parseRecordNames("[1]")), Kind::Type, "record[0]", {"record[0] must be a string", "got 1"}},
      // generateInput(json text, steps, width): the Scenario's input rules
      {"input: a generator", CALL(snn::generateInput(R"({"step":{"amplitude":1,"start":2}})", 5, 1)), kAccepted},
      {"input: not JSON", CALL(snn::generateInput(R"({"step")", 5, 1)), Kind::Type, "input", {"input is not valid JSON"}},
      {"input: unknown generator", CALL(snn::generateInput(R"({"ramp":{}})", 5, 1)), Kind::Invalid, "input.ramp",
       {"unknown input generator 'ramp'", "accepted: constant, step"}},
      {"input: explicit rows other than steps", CALL(snn::generateInput("[[1],[2]]", 5, 1)), Kind::Type, "input",
       {"input has 2 rows, expected 5 (num_steps)"}},
      // parseNetworkDef(layers json text, batch, seed): the Scenario's layers rules
      {"layers: a network", CALL(snn::parseNetworkDef(R"([{"type":"Linear","in":2,"out":3},{"type":"Leaky","beta":0.9}])", 1, 0)), kAccepted},
      {"layers: not an array", CALL(snn::parseNetworkDef(R"({"type":"Linear"})", 1, 0)), Kind::Type, "layers",
       {"layers must be an array of Linear / neuron pairs (2..64 entries)", "got an object"}},
      {"layers: Linear in 0", CALL(snn::parseNetworkDef(R"([{"type":"Linear","in":0,"out":3},{"type":"Leaky","beta":0.9}])", 1, 0)),
       Kind::Range, "layers[0].in", {"layers[0].in must be 1..4000000, got 0"}},
      {"layers: batch 0", CALL(snn::parseNetworkDef(R"([{"type":"Linear","in":2,"out":3},{"type":"Leaky","beta":0.9}])", 0, 0)),
       Kind::Range, "batch_size", {"batch_size must be 1..4096, got 0"}},
      {"layers: out x batch over the neuron limit",
       CALL(snn::parseNetworkDef(R"([{"type":"Linear","in":1,"out":1000},{"type":"Leaky","beta":0.9}])", 4096, 0)), Kind::Limit,
       "layers[0].out", {"layers[0].out x batch_size = 1000 x 4096 exceeds the limit of 4000000"}},
  };
  runTable(rows);
  SECTION("explicit: stepsOfRows counts the steps in the values") { CHECK(snn::stepsOfRows(6, 0, 2, "input") == 3); }
}
