// Scenario validation: one SECTION per rule of parseScenario / parseNeuronDef (core/src/scenario.cpp,
// core/src/generators.cpp, core/src/json_read.cpp, core/include/snn/limits.hpp).
//
// Every rejection is checked for its kind(), its field() (dotted path) and its what(): the message must
// name the field, the allowed range or rule, and the value given. Each themed TEST_CASE starts with a
// positive control, so a validator that rejects everything fails here too.
#include <catch2/catch.hpp>

#include <initializer_list>
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

// The known-good population every rule below starts from.
Json leaky() {
  return Json::parse(R"({"model":"Leaky","constructor":{"beta":0.8},"num_steps":5,"input":{"constant":{"value":0.5}}})");
}
Json withModel(const char* model, const Json& constructor) {
  Json s = leaky();
  s["model"] = model;
  s["constructor"] = constructor;
  return s;
}
Json withInput(const Json& input) {
  Json s = leaky();
  s["input"] = input;
  return s;
}
// The known-good network: Linear(2 -> 3), Leaky.
Json network() {
  return Json::parse(R"({"layers":[{"type":"Linear","in":2,"out":3},{"type":"Leaky","beta":0.9}],
                         "num_steps":5,"input":{"constant":{"value":0.5}}})");
}

std::string clip(const std::string& text) { return text.size() > 400 ? text.substr(0, 400) + "..." : text; }

// `field` is matched exactly, or as a prefix when it ends with '*'.
void checkField(const std::string& got, const std::string& field) {
  if (!field.empty() && field.back() == '*')
    CHECK_THAT(got, StartsWith(field.substr(0, field.size() - 1)));
  else
    CHECK(got == field);
}

// parseScenario(text) must throw a ScenarioError of this kind, at this field, whose message contains
// every one of `parts`.
void rejects(const std::string& text, Kind kind, const std::string& field, std::initializer_list<const char*> parts) {
  INFO("scenario: " << clip(text));
  try {
    (void)snn::parseScenario(text);
  } catch (const snn::ScenarioError& e) {
    INFO("what(): " << e.what());
    INFO("field(): " << e.field());
    CHECK(std::string(kindName(e.kind())) == kindName(kind));
    checkField(e.field(), field);
    for (const char* p : parts) CHECK_THAT(std::string(e.what()), Contains(p));
    return;
  } catch (const std::exception& e) {
    FAIL_CHECK("threw something other than snn::ScenarioError: " << e.what());
    return;
  }
  FAIL_CHECK("accepted; expected a " << kindName(kind) << " error at '" << field << "'");
}
void rejects(const Json& j, Kind kind, const std::string& field, std::initializer_list<const char*> parts) {
  rejects(j.dump(), kind, field, parts);
}

void accepts(const std::string& text) {
  INFO("scenario: " << clip(text));
  try {
    (void)snn::parseScenario(text);
  } catch (const snn::ScenarioError& e) {
    FAIL_CHECK("rejected: " << kindName(e.kind()) << " [" << e.field() << "] " << e.what());
  } catch (const std::exception& e) {
    FAIL_CHECK("threw: " << e.what());
  }
}
void accepts(const Json& j) { accepts(j.dump()); }

// parseNeuronDef counterpart of rejects().
void rejectsDef(const std::string& model, const std::string& kwargs, std::size_t neurons, Kind kind,
                const std::string& field, std::initializer_list<const char*> parts) {
  INFO("model: " << model << ", kwargs: " << kwargs << ", neurons: " << neurons);
  try {
    (void)snn::parseNeuronDef(model, kwargs, neurons);
  } catch (const snn::ScenarioError& e) {
    INFO("what(): " << e.what());
    CHECK(std::string(kindName(e.kind())) == kindName(kind));
    checkField(e.field(), field);
    for (const char* p : parts) CHECK_THAT(std::string(e.what()), Contains(p));
    return;
  } catch (const std::exception& e) {
    FAIL_CHECK("threw something other than snn::ScenarioError: " << e.what());
    return;
  }
  FAIL_CHECK("accepted; expected a " << kindName(kind) << " error at '" << field << "'");
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
  SECTION("positive control: the base scenario parses") {
    accepts(leaky());
    const snn::Scenario s = snn::parseScenario(leaky().dump());
    CHECK(s.num_steps == 5);
    CHECK(s.num_neurons == 1);
  }
  SECTION("positive control: descriptive golden fields are accepted") {
    Json s = leaky();
    s["name"] = "leaky base";
    s["description"] = "a Leaky neuron";
    s["note"] = "anything";
    accepts(s);
  }
  SECTION("text that is not JSON") {
    rejects(std::string(R"({"model":)"), Kind::Type, "", {"not valid JSON"});
  }
  SECTION("a JSON value that is not an object") {
    rejects(std::string("[1]"), Kind::Type, "", {"the scenario must be a JSON object", "an array of 1 items"});
  }
  SECTION("unknown top-level field") {
    Json s = leaky();
    s["foo"] = 1;
    rejects(s, Kind::Invalid, "foo", {"unknown field 'foo'", "accepted:", "num_steps"});
  }
  SECTION("model missing (and no layers)") {
    Json s = leaky();
    s.erase("model");
    rejects(s, Kind::Invalid, "model", {"model is required", "layers"});
  }
  SECTION("model and layers together") {
    Json s = network();
    s["model"] = "Leaky";
    rejects(s, Kind::Invalid, "model", {"either model", "or layers", "not both"});
  }
  SECTION("input missing") {
    Json s = leaky();
    s.erase("input");
    rejects(s, Kind::Invalid, "input", {"input is required"});
  }
  SECTION("model not a string") {
    Json s = leaky();
    s["model"] = 5;
    rejects(s, Kind::Type, "model", {"model must be a string", "got 5"});
  }
  SECTION("unknown model") {
    Json s = leaky();
    s["model"] = "Leakyy";
    rejects(s, Kind::Invalid, "model", {"unknown model 'Leakyy'", "accepted:", "Leaky", "SRM0(v0.2.11)"});
  }
  SECTION("seed negative") {
    Json s = leaky();
    s["seed"] = -1;
    rejects(s, Kind::Range, "seed", {"seed must be a whole number 0..2^53-1", "got -1"});
  }
  SECTION("seed fractional") {
    Json s = leaky();
    s["seed"] = 1.5;
    rejects(s, Kind::Range, "seed", {"seed must be a whole number 0..2^53-1", "got 1.5"});
  }
  SECTION("seed above 2^53-1") {
    Json s = leaky();
    s["seed"] = 9007199254740992.0;
    rejects(s, Kind::Range, "seed", {"0..2^53-1", "got 9007199254740992"});
  }
  SECTION("seed not a number") {
    Json s = leaky();
    s["seed"] = "7";
    rejects(s, Kind::Type, "seed", {"seed must be a whole number", "got the string \"7\""});
  }
}

// ================================================================================ numbers and types
TEST_CASE("validation: numbers (type, finiteness, float32 range)", "[validation]") {
  SECTION("positive control: largest float32 magnitude and negative values are accepted") {
    Json s = leaky();
    s["constructor"]["threshold"] = 3.4e38;
    s["input"]["constant"]["value"] = -3.4e38;
    accepts(s);
  }
  SECTION("a string where a number is expected") {
    Json s = leaky();
    s["constructor"]["beta"] = "0.8";
    rejects(s, Kind::Type, "constructor.beta", {"constructor.beta must be a number", "got the string \"0.8\""});
  }
  SECTION("a boolean is not a number") {
    Json s = leaky();
    s["constructor"]["beta"] = true;
    rejects(s, Kind::Type, "constructor.beta", {"constructor.beta must be a number", "got true"});
  }
  SECTION("null is not a number") {
    Json s = leaky();
    s["constructor"]["threshold"] = nullptr;
    rejects(s, Kind::Type, "constructor.threshold", {"constructor.threshold must be a number", "got null"});
  }
  SECTION("an empty array where a per-neuron list is expected") {
    Json s = leaky();
    s["constructor"]["beta"] = Json::array();
    rejects(s, Kind::Type, "constructor.beta", {"constructor.beta", "non-empty array", "got an empty array"});
  }
  SECTION("a value beyond float32 (1e39)") {
    Json s = leaky();
    s["constructor"]["beta"] = 1e39;
    rejects(s, Kind::Range, "constructor.beta", {"constructor.beta must fit in float32", "3.4e38", "got 1e+39"});
  }
  SECTION("a negative value beyond float32 (-1e39)") {
    Json s = leaky();
    s["constructor"]["threshold"] = -1e39;
    rejects(s, Kind::Range, "constructor.threshold", {"must fit in float32", "got -1e+39"});
  }
  SECTION("an element of a per-neuron list beyond float32") {
    Json s = leaky();
    s["constructor"]["threshold"] = {1.0, 1e39};
    rejects(s, Kind::Range, "constructor.threshold[1]", {"constructor.threshold[1] must fit in float32", "got 1e+39"});
  }
  SECTION("1e999 (overflows double: JSON's only way to spell Infinity)") {
    // nlohmann does not parse 1e999 to infinity: it throws json::out_of_range (406, "number overflow
    // parsing '1e999'"), which parseScenario does not catch (it catches json::parse_error only), so the
    // caller gets a non-ScenarioError exception. Expected: a ScenarioError naming the number.
    const std::string text =
        R"({"model":"Leaky","constructor":{"beta":1e999},"num_steps":5,"input":{"constant":{"value":0.5}}})";
    INFO("scenario: " << text);
    try {
      (void)snn::parseScenario(text);
      FAIL_CHECK("accepted 1e999");
    } catch (const snn::ScenarioError& e) {
      INFO("what(): " << e.what());
      CHECK((e.kind() == Kind::Range || e.kind() == Kind::Type));
      CHECK((e.field().empty() || e.field() == "constructor.beta"));
      CHECK_THAT(std::string(e.what()), Contains("1e999") || Contains("Infinity"));
    } catch (const std::exception& e) {
      FAIL_CHECK("threw something other than snn::ScenarioError: " << e.what());
    }
  }
  SECTION("-1e999 in an explicit input") {
    const std::string text = R"({"model":"Leaky","constructor":{"beta":0.8},"input":[[0.5],[-1e999]]})";
    INFO("scenario: " << text);
    try {
      (void)snn::parseScenario(text);
      FAIL_CHECK("accepted -1e999");
    } catch (const snn::ScenarioError& e) {
      CHECK((e.kind() == Kind::Range || e.kind() == Kind::Type));
      CHECK_THAT(std::string(e.what()), Contains("1e999") || Contains("Infinity"));
    } catch (const std::exception& e) {
      FAIL_CHECK("threw something other than snn::ScenarioError: " << e.what());
    }
  }
}

// ========================================================================================= num_steps
TEST_CASE("validation: num_steps", "[validation]") {
  SECTION("positive control: num_steps 1 and 1000000 are accepted; an explicit input gives num_steps") {
    Json s = leaky();
    s["num_steps"] = 1;
    accepts(s);
    s["num_steps"] = 1000000;
    accepts(s);
    Json e = leaky();
    e.erase("num_steps");
    e["input"] = {0.1, 0.2, 0.3};
    CHECK(snn::parseScenario(e.dump()).num_steps == 3);
  }
  SECTION("num_steps 0") {
    Json s = leaky();
    s["num_steps"] = 0;
    rejects(s, Kind::Range, "num_steps", {"num_steps must be 1..1000000, got 0"});
  }
  SECTION("num_steps above the limit") {
    Json s = leaky();
    s["num_steps"] = 1000001;
    rejects(s, Kind::Range, "num_steps", {"num_steps must be 1..1000000, got 1000001"});
  }
  SECTION("num_steps fractional") {
    Json s = leaky();
    s["num_steps"] = 2.5;
    rejects(s, Kind::Range, "num_steps", {"num_steps must be 1..1000000, got 2.5"});
  }
  SECTION("num_steps negative") {
    Json s = leaky();
    s["num_steps"] = -3;
    rejects(s, Kind::Range, "num_steps", {"num_steps must be 1..1000000, got -3"});
  }
  SECTION("num_steps not a number") {
    Json s = leaky();
    s["num_steps"] = "5";
    rejects(s, Kind::Type, "num_steps", {"num_steps must be a whole number 1..1000000", "got the string \"5\""});
  }
  SECTION("num_steps missing with a generator input") {
    Json s = leaky();
    s.erase("num_steps");
    rejects(s, Kind::Invalid, "num_steps", {"num_steps is required when input is a generator"});
  }
  SECTION("explicit input with no rows (and no num_steps)") {
    Json s = leaky();
    s.erase("num_steps");
    s["input"] = Json::array();
    rejects(s, Kind::Range, "input", {"input must have 1..1000000 rows, got 0"});
  }
  SECTION("explicit input row count differs from num_steps") {
    Json s = leaky();
    s["num_steps"] = 4;
    s["input"] = Json::parse("[[1,2],[1,2],[1,2],[1,2],[1,2]]");
    rejects(s, Kind::Type, "input", {"input has 5 rows, expected 4 (num_steps)"});
  }
}

// ======================================================================================= population
TEST_CASE("validation: population size, init, spike_timing, batch_size", "[validation]") {
  SECTION("positive control: num_neurons, per-neuron lists, init and spike_timing") {
    Json s = leaky();
    s["num_neurons"] = 3;
    s["constructor"]["beta"] = {0.7, 0.8, 0.9};
    s["constructor"]["threshold"] = 1.0;
    s["init"] = {{"mem", {0.1, 0.2, 0.3}}};
    s["spike_timing"] = "before_update";
    accepts(s);
    Json syn = withModel("Synaptic", {{"alpha", 0.9}, {"beta", 0.8}});
    syn["init"] = {{"syn", 0.5}, {"mem", 0.1}};
    accepts(syn);
    Json null_init = leaky();
    null_init["init"] = nullptr;
    null_init["num_neurons"] = nullptr;
    accepts(null_init);
  }
  SECTION("num_neurons 0") {
    Json s = leaky();
    s["num_neurons"] = 0;
    rejects(s, Kind::Range, "num_neurons", {"num_neurons must be 1..4000000, got 0"});
  }
  SECTION("num_neurons above the limit") {
    Json s = leaky();
    s["num_neurons"] = 4000001;
    rejects(s, Kind::Range, "num_neurons", {"num_neurons must be 1..4000000, got 4000001"});
  }
  SECTION("num_neurons not a number") {
    Json s = leaky();
    s["num_neurons"] = "3";
    rejects(s, Kind::Type, "num_neurons", {"num_neurons must be a whole number 1..4000000", "got the string \"3\""});
  }
  SECTION("per-neuron parameter list of the wrong length") {
    Json s = leaky();
    s["num_neurons"] = 2;
    s["constructor"]["beta"] = {0.1, 0.2, 0.3};
    rejects(s, Kind::Type, "constructor.beta", {"constructor.beta has 3 values, expected 1 or 2 (one per neuron)"});
  }
  SECTION("per-neuron lists of different lengths (num_neurons inferred from the widest)") {
    Json s = leaky();
    s["constructor"]["beta"] = {0.8, 0.7};
    s["constructor"]["threshold"] = {1, 2, 3};
    rejects(s, Kind::Type, "constructor.beta", {"constructor.beta has 2 values, expected 1 or 3 (one per neuron)"});
  }
  SECTION("init not an object") {
    Json s = leaky();
    s["init"] = {0};
    rejects(s, Kind::Type, "init", {"init must be a JSON object", "got an array of 1 items"});
  }
  SECTION("init names a state the model does not have") {
    Json s = leaky();
    s["init"] = {{"syn", 0}};
    rejects(s, Kind::Invalid, "init.syn", {"init has no state 'syn' for Leaky", "its states: mem"});
  }
  SECTION("init state list of the wrong length") {
    Json s = leaky();
    s["num_neurons"] = 2;
    s["init"] = {{"mem", {1, 2, 3}}};
    rejects(s, Kind::Type, "init.mem", {"init.mem has 3 values, expected 1 or 2 (one per neuron)"});
  }
  SECTION("init state value not a number") {
    Json s = leaky();
    s["init"] = {{"mem", "a"}};
    rejects(s, Kind::Type, "init.mem", {"init.mem must be a number or an array of numbers", "got the string \"a\""});
  }
  SECTION("spike_timing unknown") {
    Json s = leaky();
    s["spike_timing"] = "later";
    rejects(s, Kind::Invalid, "spike_timing", {"spike_timing must be \"after_update\"", "\"before_update\"", "got \"later\""});
  }
  SECTION("spike_timing not a string") {
    Json s = leaky();
    s["spike_timing"] = 1;
    rejects(s, Kind::Type, "spike_timing", {"spike_timing must be a string", "got 1"});
  }
  SECTION("batch_size on a population") {
    Json s = leaky();
    s["batch_size"] = 2;
    rejects(s, Kind::Invalid, "batch_size", {"batch_size applies to networks (layers) only"});
  }
}

// ============================================================================ constructor (all models)
TEST_CASE("validation: neuron constructor keywords", "[validation]") {
  SECTION("positive control: every model with its usual keywords") {
    accepts(leaky());
    accepts(withModel("Synaptic", {{"alpha", 0.9}, {"beta", 0.8}, {"reset_mechanism", "zero"}}));
    accepts(withModel("Stein", {{"alpha", 0.9}, {"beta", 0.8}}));
    accepts(withModel("Alpha", {{"alpha", 0.9}, {"beta", 0.8}}));
    accepts(withModel("SRM0", {{"alpha", 0.9}, {"beta", 0.8}}));
    accepts(withModel("Lapicque", {{"beta", 0.8}}));
    accepts(withModel("EulerLIF", {{"R", 5}, {"C", 0.1}}));
    accepts(withModel("Lapicque(v0.2.11)", {{"R", 5}, {"C", 0.1}}));
    accepts(withModel("Stein(v0.2.11)", {{"alpha", 0.9}, {"beta", 0.8}}));
    accepts(withModel("SRM0(v0.2.11)", {{"alpha", 0.9}, {"beta", 0.8}}));
    Json inert = leaky();
    inert["constructor"].update({{"inhibition", false}, {"state_quant", false}, {"spike_grad", "fast_sigmoid"},
                                 {"init_hidden", false}, {"learn_beta", true}, {"reset_delay", false},
                                 {"graded_spikes_factor", 2.0}, {"reset_mechanism", "none"}});
    accepts(inert);
  }
  SECTION("constructor not an object") {
    Json s = leaky();
    s["constructor"] = {0.8};
    rejects(s, Kind::Type, "constructor", {"constructor must be a JSON object", "got an array of 1 items"});
  }
  SECTION("unknown constructor keyword") {
    Json s = leaky();
    s["constructor"]["foo"] = 1;
    rejects(s, Kind::Invalid, "constructor.foo", {"unknown field 'foo' in constructor", "accepted:", "beta"});
  }
  SECTION("keyword of another model (reset_delay for Stein(v0.2.11))") {
    Json s = withModel("Stein(v0.2.11)", {{"alpha", 0.9}, {"beta", 0.8}, {"reset_delay", false}});
    rejects(s, Kind::Invalid, "constructor.reset_delay", {"unknown field 'reset_delay' in constructor", "accepted:"});
  }
  SECTION("beta missing (Leaky)") {
    rejects(withModel("Leaky", Json::object()), Kind::Invalid, "constructor.beta", {"Leaky: beta is required"});
  }
  SECTION("alpha missing (Synaptic)") {
    rejects(withModel("Synaptic", {{"beta", 0.8}}), Kind::Invalid, "constructor.alpha", {"Synaptic: alpha is required"});
  }
  SECTION("reset_mechanism unknown") {
    Json s = leaky();
    s["constructor"]["reset_mechanism"] = "half";
    rejects(s, Kind::Invalid, "constructor.reset_mechanism",
            {"constructor.reset_mechanism must be \"subtract\", \"zero\" or \"none\"", "got \"half\""});
  }
  SECTION("reset_mechanism not a string") {
    Json s = leaky();
    s["constructor"]["reset_mechanism"] = 1;
    rejects(s, Kind::Type, "constructor.reset_mechanism", {"constructor.reset_mechanism must be a string", "got 1"});
  }
  SECTION("reset_delay not a boolean") {
    Json s = leaky();
    s["constructor"]["reset_delay"] = "yes";
    rejects(s, Kind::Type, "constructor.reset_delay", {"constructor.reset_delay must be true or false", "got the string \"yes\""});
  }
  SECTION("graded_spikes_factor 0 without reset_delay (spikes are divided by it)") {
    Json s = leaky();
    s["constructor"]["graded_spikes_factor"] = 0;
    s["constructor"]["reset_delay"] = false;
    rejects(s, Kind::Range, "constructor.graded_spikes_factor", {"graded_spikes_factor must be non-zero", "reset_delay is false", "got 0"});
  }
  SECTION("graded_spikes_factor that rounds to 0 in float32 (1e-50), one of a list") {
    Json s = leaky();
    s["num_neurons"] = 2;
    s["constructor"]["graded_spikes_factor"] = {1.0, 1e-50};
    s["constructor"]["reset_delay"] = false;
    rejects(s, Kind::Range, "constructor.graded_spikes_factor[1]", {"graded_spikes_factor must be non-zero", "1e-50"});
  }
  SECTION("graded_spikes_factor 0 with reset_delay: every spike is 0, as in snnTorch") {
    Json s = leaky();
    s["constructor"]["graded_spikes_factor"] = 0;
    s["input"] = {{"constant", {{"value", 2}}}};
    const snn::Trace t = snn::runScenarioJson(s.dump());
    for (float v : t.find("spk")->data) CHECK(v == 0.0f);
  }
  SECTION("inhibition true") {
    Json s = leaky();
    s["constructor"]["inhibition"] = true;
    rejects(s, Kind::Invalid, "constructor.inhibition", {"constructor.inhibition is not supported", "only false", "got true"});
  }
  SECTION("inhibition null (only false is accepted)") {
    Json s = leaky();
    s["constructor"]["inhibition"] = nullptr;
    rejects(s, Kind::Invalid, "constructor.inhibition", {"constructor.inhibition is not supported", "got null"});
  }
  SECTION("state_quant true") {
    Json s = leaky();
    s["constructor"]["state_quant"] = true;
    rejects(s, Kind::Invalid, "constructor.state_quant", {"constructor.state_quant is not supported", "only false", "got true"});
  }
  SECTION("inert boolean keyword of the wrong type (init_hidden: 1)") {
    Json s = leaky();
    s["constructor"]["init_hidden"] = 1;
    rejects(s, Kind::Type, "constructor.init_hidden", {"constructor.init_hidden must be true or false", "got 1"});
  }
  SECTION("inert boolean keyword of the wrong type (surrogate_disable: \"x\")") {
    Json s = leaky();
    s["constructor"]["surrogate_disable"] = "x";
    rejects(s, Kind::Type, "constructor.surrogate_disable", {"constructor.surrogate_disable must be true or false", "got the string \"x\""});
  }
  SECTION("spike_grad neither null nor a name") {
    Json s = leaky();
    s["constructor"]["spike_grad"] = 5;
    rejects(s, Kind::Type, "constructor.spike_grad", {"constructor.spike_grad must be null or the name of a surrogate", "got 5"});
  }
  SECTION("threshold not a number") {
    Json s = leaky();
    s["constructor"]["threshold"] = "1";
    rejects(s, Kind::Type, "constructor.threshold", {"constructor.threshold must be a number", "got the string \"1\""});
  }
}

// ===================================================================================== Alpha, SRM0
TEST_CASE("validation: Alpha and SRM0 parameters", "[validation]") {
  SECTION("positive control: alpha > beta") {
    accepts(withModel("Alpha", {{"alpha", 0.9}, {"beta", 0.8}}));
    accepts(withModel("Alpha", {{"alpha", {0.9, 0.95}}, {"beta", 0.8}}));
    accepts(withModel("SRM0(v0.2.11)", {{"alpha", 0.9}, {"beta", 0.8}, {"reset_mechanism", "subtract"}}));
  }
  SECTION("Alpha: alpha <= beta") {
    rejects(withModel("Alpha", {{"alpha", 0.7}, {"beta", 0.8}}), Kind::Range, "constructor.alpha",
            {"Alpha: alpha (0.7) must be greater than beta (0.8)"});
  }
  SECTION("Alpha: alpha == beta") {
    rejects(withModel("Alpha", {{"alpha", 0.5}, {"beta", 0.5}}), Kind::Range, "constructor.alpha",
            {"Alpha: alpha (0.5) must be greater than beta (0.5)"});
  }
  SECTION("Alpha: alpha <= beta for one neuron of a per-neuron list names the neuron") {
    rejects(withModel("Alpha", {{"alpha", {0.9, 0.7}}, {"beta", 0.8}}), Kind::Range, "constructor.alpha",
            {"alpha (0.7) must be greater than beta (0.8)", "(neuron 1)"});
  }
  SECTION("Alpha: SRM0 is Alpha's old name and has the same rule") {
    rejects(withModel("SRM0", {{"alpha", 0.25}, {"beta", 0.5}}), Kind::Range, "constructor.alpha",
            {"SRM0: alpha (0.25) must be greater than beta (0.5)"});
  }
  SECTION("Alpha: beta == 1 (alpha is clamped to 1 first, as snnTorch does, so alpha > beta fails first)") {
    // snnTorch 0.9.4 clamps alpha to [0, 1] before _alpha_cases, so Alpha(alpha=1.5, beta=1) raises
    // "alpha must be greater than beta": the port agrees, and its beta == 1 check is unreachable for Alpha.
    rejects(withModel("Alpha", {{"alpha", 1.5}, {"beta", 1}}), Kind::Range, "constructor.alpha",
            {"alpha (1.5", "clamped to 1", "must be greater than beta (1)"});
  }
  SECTION("Alpha: tau_alpha not finite (alpha 0, beta -1: both clamp to 0)") {
    rejects(withModel("Alpha", {{"alpha", 0}, {"beta", -1}}), Kind::Range, "constructor.alpha",
            {"tau_alpha", "not finite", "alpha 0", "beta -1"});
  }
  SECTION("SRM0(v0.2.11): beta == 1") {
    rejects(withModel("SRM0(v0.2.11)", {{"alpha", 1.5}, {"beta", 1}}), Kind::Range, "constructor.beta",
            {"SRM0(v0.2.11): beta must not be 1", "got 1"});
  }
  SECTION("SRM0(v0.2.11): beta <= 0") {
    rejects(withModel("SRM0(v0.2.11)", {{"alpha", 0.5}, {"beta", 0}}), Kind::Range, "constructor.beta",
            {"needs 0 < beta < alpha <= 1", "got alpha 0.5, beta 0"});
  }
  SECTION("SRM0(v0.2.11): alpha > 1") {
    rejects(withModel("SRM0(v0.2.11)", {{"alpha", 1.5}, {"beta", 0.5}}), Kind::Range, "constructor.alpha",
            {"needs 0 < beta < alpha <= 1", "got alpha 1.5, beta 0.5"});
  }
  SECTION("SRM0(v0.2.11): reset_mechanism none") {
    rejects(withModel("SRM0(v0.2.11)", {{"alpha", 0.9}, {"beta", 0.8}, {"reset_mechanism", "none"}}), Kind::Invalid,
            "constructor.reset_mechanism", {"reset_mechanism must be \"subtract\" or \"zero\"", "no \"none\""});
  }
}

// =============================================================================== Lapicque, EulerLIF
TEST_CASE("validation: Lapicque and EulerLIF parameters", "[validation]") {
  SECTION("positive control: beta; R and C; beta with one of R and C; false/null as absent") {
    accepts(withModel("Lapicque", {{"beta", 0.8}}));
    accepts(withModel("Lapicque", {{"R", 5}, {"C", 0.1}, {"time_step", 0.5}}));
    accepts(withModel("Lapicque", {{"beta", 0.8}, {"R", 2}}));
    accepts(withModel("Lapicque", {{"beta", 0.8}, {"C", 2}}));
    accepts(withModel("Lapicque", {{"beta", false}, {"R", 1}, {"C", 2}}));
    accepts(withModel("Lapicque", {{"beta", nullptr}, {"R", 1}, {"C", 2}}));
    accepts(withModel("EulerLIF", {{"R", 5}, {"C", 0.1}, {"time_step", 1e-3}}));
  }
  SECTION("Lapicque: beta 0 and below (C = time_step / (R ln(1/beta)) has no value)") {
    rejects(withModel("Lapicque", {{"beta", 0}}), Kind::Range, "constructor.beta", {"Lapicque: beta must be > 0", "got 0"});
    rejects(withModel("Lapicque", {{"beta", -0.5}}), Kind::Range, "constructor.beta", {"Lapicque: beta must be > 0", "got -0.5"});
  }
  SECTION("Lapicque: beta 1 and above are accepted, as snnTorch computes them: the membrane holds, or grows") {
    // beta = 1: C = time_step / ln(1) is infinite, so the input term vanishes and the decay is 1.
    Json hold = withModel("Lapicque", {{"beta", 1}});
    hold["init"] = {{"mem", 0.5}};
    const snn::Trace held = snn::runScenarioJson(hold.dump());
    for (float u : held.find("mem")->data) CHECK(u == 0.5f);
    // beta > 1: C < 0, the decay 1 - ln(1/beta) is above 1: without input the membrane grows.
    Json grow = withModel("Lapicque", {{"beta", 1.1}});
    grow["init"] = {{"mem", 0.5}};
    grow["input"] = {{"constant", {{"value", 0}}}};
    const snn::Trace grown = snn::runScenarioJson(grow.dump());
    const std::vector<float>& mem = grown.find("mem")->data;
    for (std::size_t t = 0; t < mem.size(); ++t) CHECK(mem[t] > (t == 0 ? 0.5f : mem[t - 1]));
  }
  SECTION("Lapicque: beta must be one number (no per-neuron list)") {
    rejects(withModel("Lapicque", {{"beta", {0.5}}}), Kind::Type, "constructor.beta",
            {"constructor.beta must be a number", "got an array of 1 items"});
  }
  SECTION("Lapicque: beta true") {
    rejects(withModel("Lapicque", {{"beta", true}}), Kind::Type, "constructor.beta",
            {"constructor.beta must be a number", "got true"});
  }
  SECTION("Lapicque: beta, R and C all three") {
    rejects(withModel("Lapicque", {{"beta", 0.8}, {"R", 1}, {"C", 2}}), Kind::Invalid, "constructor",
            {"Lapicque: give beta, or R and C", "not all three"});
  }
  SECTION("Lapicque: R only") {
    rejects(withModel("Lapicque", {{"R", 1}}), Kind::Invalid, "constructor",
            {"Lapicque: needs beta, or both R and C", "got R only"});
  }
  SECTION("Lapicque: C only") {
    rejects(withModel("Lapicque", {{"C", 1}}), Kind::Invalid, "constructor",
            {"Lapicque: needs beta, or both R and C", "got C only"});
  }
  SECTION("Lapicque: neither beta nor R and C") {
    rejects(withModel("Lapicque", Json::object()), Kind::Invalid, "constructor",
            {"Lapicque: needs beta, or both R and C", "got neither"});
  }
  SECTION("Lapicque: R 0") {
    rejects(withModel("Lapicque", {{"R", 0}, {"C", 1}}), Kind::Range, "constructor.R", {"Lapicque: R must be > 0, got 0"});
  }
  SECTION("Lapicque: R negative") {
    rejects(withModel("Lapicque", {{"R", -2}, {"C", 1}}), Kind::Range, "constructor.R", {"Lapicque: R must be > 0, got -2"});
  }
  SECTION("Lapicque: C 0") {
    rejects(withModel("Lapicque", {{"R", 1}, {"C", 0}}), Kind::Range, "constructor.C", {"Lapicque: C must be > 0, got 0"});
  }
  SECTION("Lapicque: time_step 0") {
    rejects(withModel("Lapicque", {{"R", 1}, {"C", 1}, {"time_step", 0}}), Kind::Range, "constructor.time_step",
            {"Lapicque: time_step must be > 0, got 0"});
  }
  SECTION("Lapicque: R not a number") {
    rejects(withModel("Lapicque", {{"R", "1"}, {"C", 1}}), Kind::Type, "constructor.R",
            {"constructor.R must be a number", "got the string \"1\""});
  }
  SECTION("Lapicque: R beyond float32") {
    rejects(withModel("Lapicque", {{"R", 1e39}, {"C", 1}}), Kind::Range, "constructor.R",
            {"constructor.R must fit in float32", "got 1e+39"});
  }
  SECTION("Lapicque: R*C overflows float32") {
    rejects(withModel("Lapicque", {{"R", 1e38}, {"C", 1e38}}), Kind::Range, "constructor",
            {"R*C is not finite", "R = 1e+38", "C = 1e+38"});
  }
  SECTION("Lapicque: R*C underflows float32 (1/(R*C) infinite)") {
    rejects(withModel("Lapicque", {{"R", 1e-30}, {"C", 1e-30}}), Kind::Range, "constructor",
            {"not finite", "R = 1e-30", "C = 1e-30"});
  }
  SECTION("Lapicque: beta so small that C underflows") {
    rejects(withModel("Lapicque", {{"beta", 1e-45}}), Kind::Range, "constructor", {"Lapicque", "not finite"});
  }
  SECTION("Lapicque(v0.2.11): same R*C rule") {
    rejects(withModel("Lapicque(v0.2.11)", {{"R", 1e-30}, {"C", 1e-30}}), Kind::Range, "constructor",
            {"Lapicque(v0.2.11)", "not finite"});
  }
  SECTION("EulerLIF: R without C") {
    rejects(withModel("EulerLIF", {{"R", 5}}), Kind::Invalid, "constructor.C",
            {"EulerLIF: needs both R and C", "got R only"});
  }
  SECTION("EulerLIF: beta is not one of its keywords") {
    rejects(withModel("EulerLIF", {{"R", 5}, {"C", 0.1}, {"beta", 0.5}}), Kind::Invalid, "constructor.beta",
            {"unknown field 'beta' in constructor", "accepted: R, C, time_step"});
  }
  SECTION("EulerLIF: C 0") {
    rejects(withModel("EulerLIF", {{"R", 5}, {"C", 0}}), Kind::Range, "constructor.C", {"EulerLIF: C must be > 0, got 0"});
  }
  SECTION("EulerLIF: time_step/(R*C) not finite in float32") {
    // dt/tau = 1e60 would overflow the float32 the layer keeps (mem = inf, NaN, ...).
    rejects(withModel("EulerLIF", {{"R", 1e-30}, {"C", 1e-30}}), Kind::Range, "constructor*",
            {"EulerLIF: time_step/(R*C) must be a finite positive float32", "got 1e+60", "R 1e-30"});
  }
}

// ==================================================================================== explicit input
TEST_CASE("validation: explicit input arrays", "[validation]") {
  SECTION("positive control: [T][N], [T] for one neuron, network [T][in] and [T][batch][in]") {
    Json s = leaky();
    s.erase("num_steps");
    s["input"] = Json::parse("[[1,2,3],[4,5,6]]");
    accepts(s);
    s["input"] = {0.5, 0.25};
    accepts(s);
    Json n = network();
    n.erase("num_steps");
    n["input"] = Json::parse("[[1,2],[3,4]]");
    accepts(n);
    n["input"] = Json::parse("[[[1,2],[1,2]],[[1,2],[1,2]]]");
    accepts(n);
    n["batch_size"] = 2;
    accepts(n);
  }
  SECTION("input row of the wrong length") {
    Json s = leaky();
    s["input"] = Json::parse("[[1,2,3,4,5],[1,2,3,4,5],[1,2,3,4,5],[1,2,3,4],[1,2,3,4,5]]");
    rejects(s, Kind::Type, "input[3]", {"input row 3 has 4 values, expected 5"});
  }
  SECTION("input rows narrower than num_neurons") {
    Json s = leaky();
    s["num_neurons"] = 3;
    s["input"] = Json::parse("[[1,2],[1,2],[1,2],[1,2],[1,2]]");
    rejects(s, Kind::Type, "input[0]", {"input row 0 has 2 values, expected 3"});
  }
  SECTION("input row not an array") {
    Json s = leaky();
    s.erase("num_steps");
    s["input"] = Json::parse(R"([[1,2],"x"])");
    rejects(s, Kind::Type, "input[1]", {"input row 1 must be an array", "got the string \"x\""});
  }
  SECTION("input value not a number") {
    Json s = leaky();
    s.erase("num_steps");
    s["input"] = Json::parse(R"([[1,2],[1,"x"]])");
    rejects(s, Kind::Type, "input[1][1]", {"input[1][1] must be a number", "got the string \"x\""});
  }
  SECTION("input value beyond float32") {
    Json s = leaky();
    s.erase("num_steps");
    s["input"] = Json::parse("[[1,2],[1,1e39]]");
    rejects(s, Kind::Range, "input[1][1]", {"input[1][1] must fit in float32", "got 1e+39"});
  }
  SECTION("network: input batch rows differ from batch_size") {
    Json n = network();
    n.erase("num_steps");
    n["batch_size"] = 2;
    n["input"] = Json::parse("[[[1,2],[1,2],[1,2]],[[1,2],[1,2],[1,2]]]");
    rejects(n, Kind::Type, "input", {"input rows have 3 batch rows, but batch_size is 2"});
  }
  SECTION("network: one input row with a different number of batch rows") {
    Json n = network();
    n.erase("num_steps");
    n["batch_size"] = 2;
    n["input"] = Json::parse("[[[1,2],[1,2]],[[1,2]]]");
    rejects(n, Kind::Type, "input[1]", {"input row 1 has 1 batch rows, expected 2"});
  }
  SECTION("network: a batch row of the wrong width") {
    Json n = network();
    n.erase("num_steps");
    n["input"] = Json::parse("[[[1,2],[1,2]],[[1,2],[1,2,3]]]");
    rejects(n, Kind::Type, "input[1][1]", {"input row 1 batch 1 has 3 values, expected 2"});
  }
  SECTION("network: a batch row that is not an array") {
    Json n = network();
    n.erase("num_steps");
    n["batch_size"] = 2;
    n["input"] = Json::parse("[[1,2],[1,2]]");
    rejects(n, Kind::Type, "input[0][0]", {"input row 0 batch 0", "expected 2", "got 1"});
  }
  SECTION("network: flat row of the wrong width") {
    Json n = network();
    n.erase("num_steps");
    n["input"] = Json::parse("[[1,2],[1,2,3]]");
    rejects(n, Kind::Type, "input[1]", {"input row 1 has 3 values, expected 2"});
  }
}

// ======================================================================================= generators
TEST_CASE("validation: input generators", "[validation]") {
  SECTION("positive control: every generator") {
    for (const char* g : {
             R"({"constant":{"value":0.5}})",
             R"({"constant":{"value":{"uniform":[0,1],"seed":3}}})",
             R"({"step":{"amplitude":1,"start":1,"stop":3}})",
             R"({"pulses":[{"start":1,"width":2,"amplitude":0.5},{"start":4}]})",
             R"({"periodic":{"amplitude":1,"period":2,"start":0,"stop":5}})",
             R"({"sine":{"amplitude":0.5,"period":2.5,"phase":-0.3,"offset":[0.1],"start":1,"stop":4}})",
             R"({"ramp":{"from":{"uniform":[0,1]},"to":2,"start":1,"stop":1}})",
             R"({"ramp":{"to":1,"start":4}})",
             R"({"noise":{"low":-1,"high":1,"seed":9}})",
             R"({"rate":{"values":0.5,"gain":1,"offset":0,"first_spike_time":1,"amplitude":2,"seed":1}})",
             R"({"rate":{"p":0.5}})",
             R"({"rate":{"of":{"noise":{}}}})",
             R"({"latency":{"values":0.5,"tau":1,"threshold":0.01,"clip":true}})",
             R"({"delta":{"of":{"step":{"amplitude":1,"start":2}},"threshold":0.1,"padding":true,"off_spike":true}})",
             R"({"sum":[{"constant":{"value":0.5}},{"noise":{}},[0,1,0,1,0]]})",
         })
      accepts(withInput(Json::parse(g)));
  }
  SECTION("input neither an array nor a generator object") {
    rejects(withInput(5), Kind::Type, "input", {"input must be an array of rows or a generator object", "got 5"});
  }
  SECTION("generator object with two keys") {
    rejects(withInput(Json::parse(R"({"constant":{"value":0.5},"step":{"amplitude":1}})")), Kind::Type, "input",
            {"input must be an array of rows or a generator object with one key", "got an object"});
  }
  SECTION("unknown generator") {
    rejects(withInput(Json::parse(R"({"chirp":{"value":0.5}})")), Kind::Invalid, "input.chirp",
            {"unknown input generator 'chirp'", "accepted: constant, step, pulses, periodic, sine, ramp, noise"});
  }
  SECTION("constant: body not an object") {
    rejects(withInput(Json::parse(R"({"constant":0.5})")), Kind::Type, "input.constant",
            {"input.constant must be a JSON object", "got 0.5"});
  }
  SECTION("constant: value missing") {
    rejects(withInput(Json::parse(R"({"constant":{}})")), Kind::Invalid, "input.constant.value",
            {"input.constant.value is required"});
  }
  SECTION("constant: unknown field") {
    rejects(withInput(Json::parse(R"({"constant":{"value":0.5,"foo":1}})")), Kind::Invalid, "input.constant.foo",
            {"unknown field 'foo' in input.constant", "accepted: value"});
  }
  SECTION("values: wrong type") {
    rejects(withInput(Json::parse(R"({"constant":{"value":"a"}})")), Kind::Type, "input.constant.value",
            {"input.constant.value must be a number, an array, or {\"uniform\"", "got the string \"a\""});
  }
  SECTION("values: wrong length") {
    Json s = withInput(Json::parse(R"({"constant":{"value":[1,2,3]}})"));
    s["num_neurons"] = 2;
    rejects(s, Kind::Type, "input.constant.value",
            {"input.constant.value has 3 values, expected one number, 2 values (one per neuron)"});
  }
  SECTION("values: element beyond float32") {
    Json s = withInput(Json::parse(R"({"constant":{"value":[1,1e39]}})"));
    s["num_neurons"] = 2;
    rejects(s, Kind::Range, "input.constant.value[1]", {"input.constant.value[1] must fit in float32", "got 1e+39"});
  }
  SECTION("values: object without uniform") {
    rejects(withInput(Json::parse(R"({"constant":{"value":{"seed":1}}})")), Kind::Type, "input.constant.value",
            {"input.constant.value must be a number, an array, or {\"uniform\"", "got an object"});
  }
  SECTION("values: unknown field next to uniform") {
    rejects(withInput(Json::parse(R"({"constant":{"value":{"uniform":[0,1],"low":0}}})")), Kind::Invalid,
            "input.constant.value.low", {"unknown field 'low' in input.constant.value", "accepted: uniform, seed"});
  }
  SECTION("values: uniform not [low, high]") {
    rejects(withInput(Json::parse(R"({"constant":{"value":{"uniform":[0]}}})")), Kind::Type,
            "input.constant.value.uniform", {"input.constant.value.uniform must be [low, high]", "got an array of 1 items"});
  }
  SECTION("values: uniform low > high") {
    rejects(withInput(Json::parse(R"({"constant":{"value":{"uniform":[0.9,0.1]}}})")), Kind::Range,
            "input.constant.value.uniform", {"input.constant.value.uniform: low (0.9) must be <= high (0.1)"});
  }
  SECTION("values: uniform seed negative") {
    rejects(withInput(Json::parse(R"({"constant":{"value":{"uniform":[0,1],"seed":-3}}})")), Kind::Range,
            "input.constant.value.seed", {"input.constant.value.seed must be a whole number 0..2^53-1", "got -3"});
  }
  SECTION("network values: [batch][width] with a row of the wrong width") {
    Json n = network();
    n["batch_size"] = 2;
    n["input"] = Json::parse(R"({"constant":{"value":[[1,2],[3,4,5]]}})");
    rejects(n, Kind::Type, "input.constant.value[1]", {"input.constant.value[1] must have 2 values", "got an array of 3 items"});
  }
  SECTION("network values: neither [in] nor [batch][in]") {
    Json n = network();
    n["batch_size"] = 2;
    n["input"] = Json::parse(R"({"constant":{"value":[1,2,3]}})");
    rejects(n, Kind::Type, "input.constant.value",
            {"input.constant.value has 3 values, expected one number, 2 values (one per input), or [2][2]"});
  }
  SECTION("step: amplitude missing") {
    rejects(withInput(Json::parse(R"({"step":{"start":1}})")), Kind::Invalid, "input.step.amplitude",
            {"input.step.amplitude is required"});
  }
  SECTION("step: start negative") {
    rejects(withInput(Json::parse(R"({"step":{"amplitude":1,"start":-1}})")), Kind::Range, "input.step.start",
            {"input.step.start must be 0..1000000, got -1"});
  }
  SECTION("step: start above the step limit") {
    rejects(withInput(Json::parse(R"({"step":{"amplitude":1,"start":1000001}})")), Kind::Range, "input.step.start",
            {"input.step.start must be 0..1000000, got 1000001"});
  }
  SECTION("step: stop fractional") {
    rejects(withInput(Json::parse(R"({"step":{"amplitude":1,"stop":1.5}})")), Kind::Range, "input.step.stop",
            {"input.step.stop must be 0..1000000, got 1.5"});
  }
  SECTION("step: unknown field") {
    rejects(withInput(Json::parse(R"({"step":{"amplitude":1,"duration":3}})")), Kind::Invalid, "input.step.duration",
            {"unknown field 'duration' in input.step", "accepted: amplitude, start, stop"});
  }
  SECTION("pulses: not an array") {
    rejects(withInput(Json::parse(R"({"pulses":{"start":1}})")), Kind::Type, "input.pulses",
            {"input.pulses must be an array of {start, width, amplitude}", "got an object"});
  }
  SECTION("pulses: element not an object") {
    rejects(withInput(Json::parse(R"({"pulses":[5]})")), Kind::Type, "input.pulses[0]",
            {"input.pulses[0] must be a JSON object", "got 5"});
  }
  SECTION("pulses: start missing") {
    rejects(withInput(Json::parse(R"({"pulses":[{"width":2}]})")), Kind::Invalid, "input.pulses[0].start",
            {"input.pulses[0].start is required"});
  }
  SECTION("pulses: unknown field") {
    rejects(withInput(Json::parse(R"({"pulses":[{"start":1,"height":2}]})")), Kind::Invalid,
            "input.pulses[0].height", {"unknown field 'height' in input.pulses[0]", "accepted: start, width, amplitude"});
  }
  SECTION("pulses: width negative") {
    rejects(withInput(Json::parse(R"({"pulses":[{"start":1,"width":-2}]})")), Kind::Range, "input.pulses[0].width",
            {"input.pulses[0].width must be 1..1000000, got -2"});
  }
  SECTION("periodic: period missing") {
    rejects(withInput(Json::parse(R"({"periodic":{"amplitude":1}})")), Kind::Invalid, "input.periodic.period",
            {"input.periodic.period is required"});
  }
  SECTION("periodic: period 0") {
    rejects(withInput(Json::parse(R"({"periodic":{"period":0}})")), Kind::Range, "input.periodic.period",
            {"input.periodic.period must be 1..1000000, got 0"});
  }
  SECTION("periodic: unknown field") {
    rejects(withInput(Json::parse(R"({"periodic":{"period":2,"phase":1}})")), Kind::Invalid, "input.periodic.phase",
            {"unknown field 'phase' in input.periodic", "accepted: amplitude, period, start, stop"});
  }
  SECTION("sine: amplitude missing") {
    rejects(withInput(Json::parse(R"({"sine":{"period":4}})")), Kind::Invalid, "input.sine.amplitude", {"input.sine.amplitude is required"});
  }
  SECTION("sine: period missing, 0, negative, not a number") {
    rejects(withInput(Json::parse(R"({"sine":{"amplitude":1}})")), Kind::Invalid, "input.sine.period", {"input.sine.period is required"});
    rejects(withInput(Json::parse(R"({"sine":{"amplitude":1,"period":0}})")), Kind::Range, "input.sine.period",
            {"input.sine.period must be > 0 (rows per cycle), got 0"});
    rejects(withInput(Json::parse(R"({"sine":{"amplitude":1,"period":-3}})")), Kind::Range, "input.sine.period", {"must be > 0", "got -3"});
    rejects(withInput(Json::parse(R"({"sine":{"amplitude":1,"period":1e-50}})")), Kind::Range, "input.sine.period", {"must be > 0", "got 0"});
    rejects(withInput(Json::parse(R"({"sine":{"amplitude":1,"period":"4"}})")), Kind::Type, "input.sine.period", {"must be a number"});
  }
  SECTION("sine: start > stop, phase too large for float32") {
    rejects(withInput(Json::parse(R"({"sine":{"amplitude":1,"period":4,"start":4,"stop":2}})")), Kind::Range, "input.sine.start",
            {"input.sine: start (4) must be <= stop (2)"});
    rejects(withInput(Json::parse(R"({"sine":{"amplitude":1,"period":4,"phase":1e39}})")), Kind::Range, "input.sine.phase", {"float32"});
  }
  SECTION("sine: unknown field") {
    rejects(withInput(Json::parse(R"({"sine":{"amplitude":1,"period":4,"frequency":2}})")), Kind::Invalid, "input.sine.frequency",
            {"unknown field 'frequency' in input.sine", "accepted: amplitude, period, phase, offset, start, stop"});
  }
  SECTION("ramp: to missing, start > stop (stop defaults to the last row)") {
    rejects(withInput(Json::parse(R"({"ramp":{"from":1}})")), Kind::Invalid, "input.ramp.to", {"input.ramp.to is required"});
    rejects(withInput(Json::parse(R"({"ramp":{"to":1,"start":3,"stop":2}})")), Kind::Range, "input.ramp.start",
            {"input.ramp: start (3) must be <= stop (2)"});
    rejects(withInput(Json::parse(R"({"ramp":{"to":1,"start":5}})")), Kind::Range, "input.ramp.start",
            {"input.ramp: start (5) must be <= stop (4)"});
  }
  SECTION("ramp: from of the wrong width") {
    rejects(withInput(Json::parse(R"({"ramp":{"from":[1,2],"to":1}})")), Kind::Type, "input.ramp.from",
            {"input.ramp.from has 2 values, expected one number, 1 values (one per neuron)"});
  }
  SECTION("noise: low > high") {
    rejects(withInput(Json::parse(R"({"noise":{"low":1,"high":0}})")), Kind::Range, "input.noise",
            {"input.noise: low (1) must be <= high (0)"});
  }
  SECTION("noise: low not a number") {
    rejects(withInput(Json::parse(R"({"noise":{"low":"0"}})")), Kind::Type, "input.noise.low",
            {"input.noise.low must be a number", "got the string \"0\""});
  }
  SECTION("noise: seed fractional") {
    rejects(withInput(Json::parse(R"({"noise":{"seed":1.5}})")), Kind::Range, "input.noise.seed",
            {"input.noise.seed must be a whole number 0..2^53-1", "got 1.5"});
  }
  SECTION("noise: unknown field") {
    rejects(withInput(Json::parse(R"({"noise":{"mean":0}})")), Kind::Invalid, "input.noise.mean",
            {"unknown field 'mean' in input.noise", "accepted: low, high, seed"});
  }
  SECTION("rate: none of values, p, of") {
    rejects(withInput(Json::parse(R"({"rate":{"gain":2}})")), Kind::Invalid, "input.rate",
            {"input.rate needs exactly one of values", "of"});
  }
  SECTION("rate: two of values, p, of") {
    rejects(withInput(Json::parse(R"({"rate":{"values":0.5,"p":0.5}})")), Kind::Invalid, "input.rate",
            {"input.rate needs exactly one of values"});
  }
  SECTION("rate: first_spike_time >= num_steps") {
    rejects(withInput(Json::parse(R"({"rate":{"values":0.5,"first_spike_time":5}})")), Kind::Range,
            "input.rate.first_spike_time", {"input.rate.first_spike_time must be 0..4, got 5"});
  }
  SECTION("rate: amplitude not a number") {
    rejects(withInput(Json::parse(R"({"rate":{"values":0.5,"amplitude":"x"}})")), Kind::Type, "input.rate.amplitude",
            {"input.rate.amplitude must be a number", "got the string \"x\""});
  }
  SECTION("rate: values beyond float32") {
    rejects(withInput(Json::parse(R"({"rate":{"values":1e39}})")), Kind::Range, "input.rate.values",
            {"input.rate.values must fit in float32", "got 1e+39"});
  }
  SECTION("rate: unknown field") {
    rejects(withInput(Json::parse(R"({"rate":{"values":0.5,"foo":5}})")), Kind::Invalid, "input.rate.foo",
            {"unknown field 'foo' in input.rate", "accepted: values, p, of"});
  }
  SECTION("latency: values missing") {
    rejects(withInput(Json::parse(R"({"latency":{"tau":5}})")), Kind::Invalid, "input.latency.values",
            {"input.latency.values is required"});
  }
  SECTION("latency: values outside [0, 1]") {
    rejects(withInput(Json::parse(R"({"latency":{"values":1.5}})")), Kind::Range, "input.latency.values*",
            {"must be in [0, 1], got 1.5"});
  }
  SECTION("latency: threshold outside (0, 1)") {
    rejects(withInput(Json::parse(R"({"latency":{"values":0.5,"threshold":1.5}})")), Kind::Range,
            "input.latency.threshold", {"threshold must be in (0, 1)", "got 1.5"});
  }
  SECTION("latency: tau 0") {
    rejects(withInput(Json::parse(R"({"latency":{"values":0.5,"tau":0}})")), Kind::Range, "input.latency.tau",
            {"tau must be finite and > 0, got 0"});
  }
  SECTION("latency: first_spike_time negative") {
    rejects(withInput(Json::parse(R"({"latency":{"values":0.5,"first_spike_time":-1}})")), Kind::Range,
            "input.latency.first_spike_time", {"first_spike_time must be finite and >= 0, got -1"});
  }
  SECTION("latency: first_spike_time after the last step") {
    rejects(withInput(Json::parse(R"({"latency":{"values":0.5,"first_spike_time":7}})")), Kind::Range,
            "input.latency.first_spike_time", {"first_spike_time must be in [0, num_steps-1] = [0, 4], got 7"});
  }
  SECTION("latency: epsilon 0") {
    rejects(withInput(Json::parse(R"({"latency":{"values":0.5,"epsilon":0}})")), Kind::Range,
            "input.latency.epsilon", {"epsilon must be > 0", "got 0"});
  }
  SECTION("latency: latest spike after the last step") {
    rejects(withInput(Json::parse(R"({"latency":{"values":0.05,"tau":100}})")), Kind::Range, "input.latency*",
            {"num_steps must be at least 23", "got num_steps = 5"});
  }
  SECTION("latency: boolean option of the wrong type") {
    rejects(withInput(Json::parse(R"({"latency":{"values":0.5,"clip":1}})")), Kind::Type, "input.latency.clip",
            {"input.latency.clip must be true or false", "got 1"});
  }
  SECTION("latency: unknown field") {
    rejects(withInput(Json::parse(R"({"latency":{"values":0.5,"foo":1}})")), Kind::Invalid, "input.latency.foo",
            {"unknown field 'foo' in input.latency", "accepted: values, tau"});
  }
  SECTION("delta: of missing") {
    rejects(withInput(Json::parse(R"({"delta":{"threshold":0.1}})")), Kind::Invalid, "input.delta.of",
            {"input.delta.of (the input to differentiate) is required"});
  }
  SECTION("delta: threshold not a number") {
    rejects(withInput(Json::parse(R"({"delta":{"of":{"constant":{"value":0.5}},"threshold":"x"}})")), Kind::Type,
            "input.delta.threshold", {"input.delta.threshold must be a number", "got the string \"x\""});
  }
  SECTION("delta: padding not a boolean") {
    rejects(withInput(Json::parse(R"({"delta":{"of":{"constant":{"value":0.5}},"padding":2}})")), Kind::Type,
            "input.delta.padding", {"input.delta.padding must be true or false", "got 2"});
  }
  SECTION("delta: of is an explicit array of the wrong length") {
    rejects(withInput(Json::parse(R"({"delta":{"of":[1,2]}})")), Kind::Type, "input.delta.of",
            {"input.delta.of has 2 rows, expected 5 (num_steps)"});
  }
  SECTION("delta: unknown field") {
    rejects(withInput(Json::parse(R"({"delta":{"of":{"constant":{"value":0.5}},"foo":1}})")), Kind::Invalid,
            "input.delta.foo", {"unknown field 'foo' in input.delta", "accepted: of, threshold, padding, off_spike"});
  }
  SECTION("sum: empty") {
    rejects(withInput(Json::parse(R"({"sum":[]})")), Kind::Type, "input.sum",
            {"input.sum must be a non-empty array of inputs", "got an array of 0 items"});
  }
  SECTION("sum: not an array") {
    rejects(withInput(Json::parse(R"({"sum":{"constant":{"value":1}}})")), Kind::Type, "input.sum",
            {"input.sum must be a non-empty array of inputs", "got an object"});
  }
  SECTION("sum: a term that is not an input") {
    rejects(withInput(Json::parse(R"({"sum":[{"constant":{"value":1}},5]})")), Kind::Type, "input.sum[1]",
            {"input.sum[1] must be an array of rows or a generator object", "got 5"});
  }
  SECTION("sum: an explicit term of the wrong length") {
    rejects(withInput(Json::parse(R"({"sum":[{"constant":{"value":1}},[1,2,3]]})")), Kind::Type, "input.sum[1]",
            {"input.sum[1] has 3 rows, expected 5 (num_steps)"});
  }
  SECTION("nesting: 16 levels accepted, 17 refused") {
    Json g = Json::parse(R"({"constant":{"value":1}})");
    for (int i = 0; i < 15; ++i) g = Json{{"sum", Json::array({g})}};
    accepts(withInput(g));  // 15 sums + constant = 16 generator levels
    g = Json{{"sum", Json::array({g})}};
    std::string field = "input";
    for (int i = 0; i < 16; ++i) field += ".sum[0]";
    rejects(withInput(g), Kind::Limit, field, {"nests generators more than 16 levels deep"});
  }
  SECTION("nesting: through rate.of and delta.of as well") {
    Json g = Json::parse(R"({"constant":{"value":1}})");
    for (int i = 0; i < 16; ++i) g = Json{{"delta", {{"of", g}}}};
    rejects(withInput(g), Kind::Limit, "input.delta.of*", {"nests generators more than 16 levels deep"});
  }
}

// ========================================================================================== network
TEST_CASE("validation: network layers", "[validation]") {
  SECTION("positive control: a network, with weights, bias and batch") {
    accepts(network());
    Json n = network();
    n["layers"][0]["weight"] = Json::parse("[[1,2],[3,4],[5,6]]");
    n["layers"][0]["bias"] = {0.1, 0.2, 0.3};
    n["batch_size"] = 2;
    n["seed"] = 7;
    accepts(n);
    n["layers"][0]["bias"] = false;
    n["layers"].push_back({{"type", "Linear"}, {"in", 3}, {"out", 1}});
    n["layers"].push_back({{"type", "Synaptic"}, {"alpha", 0.9}, {"beta", 0.8}});
    accepts(n);
  }
  SECTION("single-population fields in a network") {
    for (const char* key : {"constructor", "init", "num_neurons", "spike_timing"}) {
      Json n = network();
      n[key] = std::string(key) == "num_neurons" ? Json(3) : std::string(key) == "spike_timing" ? Json("after_update") : Json::object();
      INFO(key);
      rejects(n, Kind::Invalid, "layers", {"a network takes its parameters in layers", key});
    }
  }
  SECTION("layers not an array") {
    Json n = network();
    n["layers"] = {{"type", "Linear"}};
    rejects(n, Kind::Type, "layers", {"layers must be an array of Linear / neuron pairs (2..64 entries)", "got an object"});
  }
  SECTION("layers empty") {
    Json n = network();
    n["layers"] = Json::array();
    rejects(n, Kind::Type, "layers", {"(2..64 entries)", "got an array of 0 items"});
  }
  SECTION("layers of odd length") {
    Json n = network();
    n["layers"].push_back({{"type", "Linear"}, {"in", 3}, {"out", 3}});
    rejects(n, Kind::Type, "layers", {"Linear / neuron pairs", "got an array of 3 items"});
  }
  SECTION("more than 64 layers") {
    Json n = network();
    Json layers = Json::array();
    for (int i = 0; i < 33; ++i) {
      layers.push_back({{"type", "Linear"}, {"in", 2}, {"out", 2}});
      layers.push_back({{"type", "Leaky"}, {"beta", 0.9}});
    }
    n["layers"] = layers;
    rejects(n, Kind::Type, "layers", {"(2..64 entries)", "got an array of 66 items"});
  }
  SECTION("Linear entry not an object") {
    Json n = network();
    n["layers"][0] = 5;
    rejects(n, Kind::Type, "layers[0]", {"layers[0] must be a JSON object", "got 5"});
  }
  SECTION("Linear entry with an unknown field") {
    Json n = network();
    n["layers"][0]["act"] = 1;
    rejects(n, Kind::Invalid, "layers[0].act", {"unknown field 'act' in layers[0]", "accepted: type, in, out, weight, bias"});
  }
  SECTION("layers do not alternate (neuron first)") {
    Json n = network();
    std::swap(n["layers"][0], n["layers"][1]);
    rejects(n, Kind::Invalid, "layers[0].beta", {"unknown field 'beta' in layers[0]"});
  }
  SECTION("Linear entry without type") {
    Json n = network();
    n["layers"][0].erase("type");
    rejects(n, Kind::Invalid, "layers[0].type", {"layers[0].type must be \"Linear\"", "got nothing"});
  }
  SECTION("Linear entry of another type") {
    Json n = network();
    n["layers"][0]["type"] = "Conv2d";
    rejects(n, Kind::Invalid, "layers[0].type", {"layers[0].type must be \"Linear\"", "got the string \"Conv2d\""});
  }
  SECTION("Linear without out") {
    Json n = network();
    n["layers"][0].erase("out");
    rejects(n, Kind::Invalid, "layers[0]", {"layers[0] needs in and out"});
  }
  SECTION("Linear in 0") {
    Json n = network();
    n["layers"][0]["in"] = 0;
    rejects(n, Kind::Range, "layers[0].in", {"layers[0].in must be 1..4000000, got 0"});
  }
  SECTION("Linear out fractional") {
    Json n = network();
    n["layers"][0]["out"] = 3.5;
    rejects(n, Kind::Range, "layers[0].out", {"layers[0].out must be 1..4000000, got 3.5"});
  }
  SECTION("Linear in differs from the previous out") {
    Json n = network();
    n["layers"].push_back({{"type", "Linear"}, {"in", 4}, {"out", 1}});
    n["layers"].push_back({{"type", "Leaky"}, {"beta", 0.9}});
    rejects(n, Kind::Invalid, "layers[2].in", {"layers[2].in must equal the previous layer's out (3), got 4"});
  }
  SECTION("weight not [out][in]") {
    Json n = network();
    n["layers"][0]["weight"] = Json::parse("[[1,2],[3,4]]");
    rejects(n, Kind::Type, "layers[0].weight", {"layers[0].weight must be [out][in] = [3][2]", "got an array of 2 items"});
  }
  SECTION("weight not an array") {
    Json n = network();
    n["layers"][0]["weight"] = "eye";
    rejects(n, Kind::Type, "layers[0].weight", {"layers[0].weight must be [out][in] = [3][2]", "got the string \"eye\""});
  }
  SECTION("weight row of the wrong length") {
    Json n = network();
    n["layers"][0]["weight"] = Json::parse("[[1,2],[3,4],[5,6,7]]");
    rejects(n, Kind::Type, "layers[0].weight[2]", {"layers[0].weight[2] must have 2 values", "got an array of 3 items"});
  }
  SECTION("weight value beyond float32") {
    Json n = network();
    n["layers"][0]["weight"] = Json::parse("[[1,2],[3,4],[5,1e39]]");
    rejects(n, Kind::Range, "layers[0].weight[2][1]", {"layers[0].weight[2][1] must fit in float32", "got 1e+39"});
  }
  SECTION("bias of the wrong length") {
    Json n = network();
    n["layers"][0]["bias"] = {1, 2};
    rejects(n, Kind::Type, "layers[0].bias", {"layers[0].bias has 2 values, expected 3 (out)"});
  }
  SECTION("bias of the wrong type") {
    Json n = network();
    n["layers"][0]["bias"] = "zero";
    rejects(n, Kind::Type, "layers[0].bias",
            {"layers[0].bias must be an array of out values, true (default init) or false (no bias)", "got the string \"zero\""});
  }
  SECTION("bias null") {
    Json n = network();
    n["layers"][0]["bias"] = nullptr;
    rejects(n, Kind::Type, "layers[0].bias", {"layers[0].bias must be an array of out values", "got null"});
  }
  SECTION("bias value not a number") {
    Json n = network();
    n["layers"][0]["bias"] = {1, 2, "x"};
    rejects(n, Kind::Type, "layers[0].bias[2]", {"layers[0].bias[2] must be a number", "got the string \"x\""});
  }
  SECTION("neuron entry not an object") {
    Json n = network();
    n["layers"][1] = 5;
    rejects(n, Kind::Type, "layers[1]", {"layers[1] must be a JSON object", "got 5"});
  }
  SECTION("neuron entry without type") {
    Json n = network();
    n["layers"][1].erase("type");
    rejects(n, Kind::Invalid, "layers[1].type", {"layers[1].type must name a neuron model"});
  }
  SECTION("neuron entry with a type that is not a string") {
    Json n = network();
    n["layers"][1]["type"] = 7;
    rejects(n, Kind::Invalid, "layers[1].type", {"layers[1].type must name a neuron model", "got 7"});
  }
  SECTION("neuron entry of an unknown model (two Linear in a row)") {
    Json n = network();
    n["layers"][1] = {{"type", "Linear"}, {"in", 3}, {"out", 3}};
    rejects(n, Kind::Invalid, "layers[1].type", {"unknown model 'Linear'", "accepted:"});
  }
  SECTION("neuron entry: its constructor rules apply with the layer's path") {
    Json n = network();
    n["layers"][1].erase("beta");
    rejects(n, Kind::Invalid, "layers[1].beta", {"Leaky: beta is required"});
  }
  SECTION("neuron entry: per-neuron list sized by the layer's out") {
    Json n = network();
    n["layers"][1]["beta"] = {0.1, 0.2};
    rejects(n, Kind::Type, "layers[1].beta", {"layers[1].beta has 2 values, expected 1 or 3 (one per neuron)"});
  }
  SECTION("neuron entry with an unknown field") {
    Json n = network();
    n["layers"][1]["gamma"] = 1;
    rejects(n, Kind::Invalid, "layers[1].gamma", {"unknown field 'gamma' in layers[1]", "accepted: beta"});
  }
  SECTION("batch_size 0") {
    Json n = network();
    n["batch_size"] = 0;
    rejects(n, Kind::Range, "batch_size", {"batch_size must be 1..4096, got 0"});
  }
  SECTION("batch_size above the limit") {
    Json n = network();
    n["batch_size"] = 4097;
    rejects(n, Kind::Range, "batch_size", {"batch_size must be 1..4096, got 4097"});
  }
}

// =========================================================================================== record
TEST_CASE("validation: record", "[validation]") {
  SECTION("positive control: recording some arrays") {
    Json s = leaky();
    s["record"] = {"mem"};
    accepts(s);
    Json n = network();
    n["record"] = {"spk1", "cur1"};
    accepts(n);
  }
  SECTION("record not an array") {
    Json s = leaky();
    s["record"] = "mem";
    rejects(s, Kind::Type, "record", {"record must be a non-empty array of array names", "got the string \"mem\""});
  }
  SECTION("record entry not a string") {
    Json s = leaky();
    s["record"] = {1};
    rejects(s, Kind::Type, "record[0]", {"record[0] must be a string", "got 1"});
  }
  SECTION("record names an array the population does not produce") {
    Json s = leaky();
    s["record"] = {"syn"};
    rejects(s, Kind::Invalid, "record[0]", {"record names 'syn'", "it produces: spk, mem"});
  }
  SECTION("record names an array the network does not produce") {
    Json n = network();
    n["record"] = {"spk1", "mem2"};
    rejects(n, Kind::Invalid, "record[1]", {"record names 'mem2'", "it produces: cur1, spk1, mem1"});
  }
  SECTION("positive control: ranges of neurons") {
    Json n = network();
    const std::size_t out = n["layers"][0]["out"].get<std::size_t>();
    n["record"] = {"spk1[0:1]", "mem1[:" + std::to_string(out) + "]", "cur1[" + std::to_string(out - 1) + ":]"};
    accepts(n);
  }
  SECTION("record ranges that are empty, reversed, too long or not numbers") {
    Json s = leaky();  // one neuron
    for (const char* bad : {"mem[0:0]", "mem[1:0]", "mem[0:2]", "mem[a:1]", "mem[-1:1]", "mem[0:1", "mem[]", "mem[0]",
                            "mem[0:1]x", "mem[ 0:1]", "mem[0:99999999999]"}) {
      INFO(bad);
      s["record"] = {bad};
      const std::string start = "record[0] '" + std::string(bad) + "' must keep a range of neurons as mem[first:end]";
      rejects(s, Kind::Invalid, "record[0]", {start.c_str(), "0 <= first < end <= 1 (mem has 1 neuron)"});
    }
    s["record"] = {"mem[0:1]", "mem"};
    rejects(s, Kind::Invalid, "record[1]", {"record names 'mem' twice"});
    s["record"] = {"syn[0:1]"};
    rejects(s, Kind::Invalid, "record[0]", {"record names 'syn'", "it produces: spk, mem"});
  }
}

// =========================================================================================== limits
TEST_CASE("validation: size limits", "[validation]") {
  SECTION("positive control: just under the limits") {
    Json s = leaky();
    s["num_steps"] = 1000000;
    s["num_neurons"] = 16;
    s["record"] = {"mem"};  // 16M recorded + 16M input < 32M
    accepts(s);
    Json n = network();
    n["layers"][0]["in"] = 2000;
    n["layers"][0]["out"] = 2000;
    n["num_steps"] = 999;  // 999 x (2000 + 4M) updates < 4e9
    accepts(n);
  }
  SECTION("a huge population fails fast, before allocating") {
    Json s = leaky();
    s["num_steps"] = static_cast<unsigned>(snn::limits::kMaxSteps);
    s["num_neurons"] = static_cast<unsigned>(snn::limits::kMaxNeurons);
    const long before = peakRssKiB();
    rejects(s, Kind::Limit, "*", {"scenario too large", "over the limit of 33554432"});
    CHECK(peakRssKiB() - before < 32 * 1024);
  }
  SECTION("input values over the limit (1000000 steps x 34 neurons)") {
    Json s = leaky();
    s["num_steps"] = 1000000;
    s["num_neurons"] = 34;
    s["record"] = {"mem"};
    rejects(s, Kind::Limit, "input", {"scenario too large: the input alone would hold 34000000 values", "33554432"});
  }
  SECTION("trace values over the limit") {
    Json s = leaky();
    s["num_steps"] = 1000000;
    s["num_neurons"] = 20;
    rejects(s, Kind::Limit, "num_steps",
            {"scenario too large: it would keep 60000000 values", "1000000 steps x 40 recorded values per step",
             "over the limit of 33554432", "record"});
  }
  SECTION("an empty record list is refused (it cannot bypass the trace limit)") {
    Json s = leaky();
    s["num_steps"] = 1000000;
    s["num_neurons"] = 33;
    s["record"] = Json::array();
    rejects(s, Kind::Type, "record", {"record must be a non-empty array", "got an array of 0 items"});
  }
  SECTION("neuron and synapse updates over the work limit") {
    Json n = network();
    n["layers"][0]["in"] = 2000;
    n["layers"][0]["out"] = 2000;
    n["num_steps"] = 1000;
    rejects(n, Kind::Limit, "num_steps", {"scenario too large: 4002000000 neuron and synapse updates", "over the limit of 4000000000"});
  }
  SECTION("weights of one Linear over the limit") {
    Json n = network();
    n["layers"][0]["in"] = 4097;
    n["layers"][0]["out"] = 4096;
    rejects(n, Kind::Limit, "layers", {"the network has 16781312 weights in all, over the limit of 16777216"});
  }
  SECTION("out x batch_size over the neuron limit") {
    Json n = network();
    n["layers"][0]["in"] = 1;
    n["layers"][0]["out"] = 1000;
    n["batch_size"] = 4096;
    rejects(n, Kind::Limit, "layers[0].out", {"layers[0].out x batch_size = 1000 x 4096 exceeds the limit of 4000000"});
  }
  SECTION("a huge network fails fast, before allocating its weights") {
    // Sizes are read and checked before any Linear is allocated.
    Json n = network();
    n["layers"] = Json::array();
    for (int i = 0; i < 2; ++i) {
      n["layers"].push_back({{"type", "Linear"}, {"in", 4096}, {"out", 4096}});
      n["layers"].push_back({{"type", "Leaky"}, {"beta", 0.9}});
    }
    n["num_steps"] = 1000000;
    const long before = peakRssKiB();
    rejects(n, Kind::Limit, "*", {"over the limit"});
    CHECK(peakRssKiB() - before < 32 * 1024);
  }
}

// ==================================================================================== parseNeuronDef
TEST_CASE("validation: parseNeuronDef", "[validation]") {
  SECTION("positive control") {
    const snn::NeuronDef def = snn::parseNeuronDef("Alpha", R"({"alpha":0.9,"beta":[0.8,0.7]})", 2);
    CHECK(def.model == snn::ModelKind::Alpha);
    CHECK(def.beta.size() == 2);
    CHECK_NOTHROW(snn::parseNeuronDef("Leaky", R"({"beta":0.8})", snn::limits::kMaxNeurons));
  }
  SECTION("neurons 0") {
    rejectsDef("Leaky", R"({"beta":0.8})", 0, Kind::Range, "num_neurons", {"num_neurons must be 1..4000000, got 0"});
  }
  SECTION("neurons above the limit") {
    rejectsDef("Leaky", R"({"beta":0.8})", snn::limits::kMaxNeurons + 1, Kind::Range, "num_neurons",
               {"num_neurons must be 1..4000000, got 4000001"});
  }
  SECTION("kwargs not JSON") {
    rejectsDef("Leaky", R"({"beta":)", 1, Kind::Type, "constructor", {"constructor is not valid JSON"});
  }
  SECTION("kwargs not an object") {
    rejectsDef("Leaky", "[0.8]", 1, Kind::Type, "constructor", {"constructor must be a JSON object", "got an array of 1 items"});
  }
  SECTION("unknown model") {
    rejectsDef("Izhikevich", "{}", 1, Kind::Invalid, "model", {"unknown model 'Izhikevich'", "accepted:"});
  }
  SECTION("same constructor rules (per-neuron list length)") {
    rejectsDef("Leaky", R"({"beta":[0.1,0.2,0.3]})", 2, Kind::Type, "constructor.beta",
               {"constructor.beta has 3 values, expected 1 or 2 (one per neuron)"});
  }
  SECTION("same constructor rules (Alpha alpha <= beta)") {
    rejectsDef("Alpha", R"({"alpha":0.25,"beta":0.5})", 1, Kind::Range, "constructor.alpha",
               {"Alpha: alpha (0.25) must be greater than beta (0.5)"});
  }
  SECTION("1e999 in kwargs") {
    // Same gap as parseScenario: json::out_of_range escapes (only json::parse_error is caught).
    INFO("kwargs: {\"beta\":1e999}");
    try {
      (void)snn::parseNeuronDef("Leaky", R"({"beta":1e999})", 1);
      FAIL_CHECK("accepted 1e999");
    } catch (const snn::ScenarioError& e) {
      CHECK((e.kind() == Kind::Range || e.kind() == Kind::Type));
      CHECK_THAT(std::string(e.what()), Contains("1e999") || Contains("Infinity"));
    } catch (const std::exception& e) {
      FAIL_CHECK("threw something other than snn::ScenarioError: " << e.what());
    }
  }
}
